import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteOf } from '$lib/server/db';
import { dumpTables } from '$lib/server/db/dump';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { addMonths } from '$lib/months';
import { bufferSource } from './dialect';
import { importFile } from './ingest';
import { ANALYST, ENV, fixture, run } from './ingest.fixture';

describe('importFile with metrics', () => {
	it('reports every error with its line, column and value, and writes nothing', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const before = await dumpTables(db);
		const result = await run(db, fixture('metrics-errors.csv'));
		expect(result.errors.map((e) => [e.line, e.column, e.value, e.code])).toEqual([
			[2, 'jobcenter', '99999', 'unknown_jobcenter'],
			[3, 'month', '2026-13', 'bad_month'],
			[4, 'month', '2099-01', 'future_month'],
			[5, 'month', '2009-12', 'too_early'],
			[6, 'channel', 'myspace', 'unknown_channel'],
			[7, 'followers', 'viele', 'not_a_number'],
			[8, 'followers', '-5', 'negative'],
			[9, 'posts', '2,5', 'fractional_count'],
			[11, 'channel', 'Facebook', 'duplicate_key'],
			[12, 'jobcenter', '', 'missing_value']
		]);
		expect(result.errors[8].detail).toBe('10');
		expect(result.uploadId).toBeNull();
		expect(await dumpTables(db)).toEqual(before);
	});

	it('counts lines across quoted line breaks and warns about unknown columns', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const result = await run(db, fixture('metrics-quoted-multiline.csv'));
		expect(result.errors.map((e) => [e.line, e.code, e.value])).toEqual([
			[4, 'unknown_channel', 'Fax']
		]);
		expect(result.warnings.map((e) => [e.line, e.code, e.column])).toEqual([
			[1, 'unknown_header', 'Notiz']
		]);
	});

	it('rejects missing columns, mixed number styles and unknown kinds before reading rows', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const codes = async (file: string | Buffer) => (await run(db, file)).errors.map((e) => e.code);
		expect(await codes(fixture('metrics-missing-column.csv'))).toEqual(['missing_column']);
		expect(await codes(fixture('metrics-mixed-numbers.csv'))).toEqual(['mixed_number_format']);
		expect(await codes('foo,bar\n1,2\n')).toEqual(['unknown_kind']);
		expect(await codes('jobcenter,month,channel\n')).toEqual(['no_rows']);
		expect(await codes('jobcenter;month;channel\n"05754;2026-01;x\n')).toEqual(['unreadable_csv']);
		expect(await codes('jobcenter;month;channel\n05754;2026-01;x;7\n')).toEqual(['extra_cells']);
	});

	it("treats another jobcenter's code like an unknown one for a jobcenter user", async () => {
		const db = await testDatabase();
		const own = await addJobcenter(db, '01002');
		await addJobcenter(db, '05754');
		const scope = { jobcenterId: own, mayImportRegister: false };
		const file =
			'jobcenter,month,channel,followers\n05754,2026-01,x,1\n5754,2026-01,x,1\n1002,2026-01,x,1\n';
		const result = await run(db, file, { scope });
		expect(result.errors.map((e) => [e.line, e.code])).toEqual([
			[2, 'unknown_jobcenter'],
			[3, 'unknown_jobcenter']
		]);
		expect(result.warnings.map((e) => [e.line, e.code])).toEqual([[4, 'code_leading_zero']]);
		const register = await run(db, fixture('register-german.csv'), { scope });
		expect(register.errors.map((e) => e.code)).toEqual(['register_not_allowed']);
	});

	it('warns about implausible figures without blocking', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		await run(db, 'jobcenter,month,channel,followers\n05754,2026-01,x,100\n');
		const file =
			'jobcenter,month,channel,followers,impressions,reactions,comments,shares,replies,staff_hours\n' +
			'05754,2026-02,x,151,10,5,3,3,54,400.5\n';
		const result = await run(db, file);
		expect(result.errors).toEqual([]);
		expect(result.warnings.map((w) => w.code)).toEqual([
			'followers_jump',
			'interactions_above_impressions',
			'replies_above_comments',
			'staff_hours_high'
		]);
		expect(result.inserted).toBe(1);
	});

	it('compares followers with the month before from the same file, sorted or not', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		await addJobcenter(db, '01002');
		const file =
			'jobcenter,month,channel,followers\n' +
			'05754,2026-01,x,100\n01002,2026-01,x,100\n05754,2026-02,x,151\n' +
			'01002,2026-03,x,200\n01002,2026-02,x,100\n';
		const result = await run(db, file);
		// Line 5 has no month before it yet; line 6 comes after its successor, unlike in a sorted file.
		expect(result.warnings.map((w) => [w.line, w.code, w.detail])).toEqual([
			[4, 'followers_jump', '100 → 151']
		]);
		expect(result.inserted).toBe(5);
	});

	it('warns on a dry run exactly as on the import, from months earlier in the file', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		await run(db, 'jobcenter,month,channel,followers\n05754,2025-12,x,100\n');
		const file =
			'jobcenter,month,channel,followers\n05754,2026-01,x,100\n05754,2026-01,facebook,5\n' +
			'05754,2026-03,x,300\n05754,2026-02,x,160\n';
		const warnings = (r: { warnings: { line: number | null; code: string }[] }) =>
			r.warnings.map((w) => [w.line, w.code]);
		const dry = await run(db, file, { dryRun: true });
		expect(warnings(dry)).toEqual([[5, 'followers_jump']]);
		expect(warnings(await run(db, file))).toEqual(warnings(dry));
	});

	it('checks a file on a dry run without holding the write lock', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const lines = ['jobcenter,month,channel,posts'];
		for (let m = 0; m < 200; m++)
			for (const channel of ['facebook', 'x', 'youtube'])
				lines.push(`05754,${addMonths('2010-01', m)},${channel},1`);
		const file = lines.join('\n');
		// Another connection that does not wait: it fails at once while an import holds the lock.
		const other = new SQLite(sqliteOf(db).name, { timeout: 0 });
		const probes: string[] = [];
		const probe = () => {
			try {
				other.exec('begin immediate; rollback');
				probes.push('free');
			} catch (e) {
				probes.push((e as { code: string }).code);
			}
		};
		const check = (dryRun: boolean) =>
			importFile(db, bufferSource(file), {
				fileName: 'test.csv',
				userId: null,
				scope: ANALYST,
				dryRun,
				env: ENV,
				onProgress: probe
			});
		expect(await check(true)).toMatchObject({ inserted: 600, errorCount: 0 });
		expect(probes).toEqual(['free']);
		expect(await check(false)).toMatchObject({ inserted: 600, errorCount: 0 });
		expect(probes).toEqual(['free', 'SQLITE_BUSY']);
		other.close();
	});

	it('writes nothing on a dry run but counts what it would do', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const before = await dumpTables(db);
		const result = await run(db, fixture('metrics-utf8-bom.csv'), { dryRun: true });
		expect(result).toMatchObject({ inserted: 3, uploadId: null });
		expect(await dumpTables(db)).toEqual(before);
	});
});
