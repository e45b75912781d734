import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { dumpTables } from '$lib/server/db/dump';
import { sql } from 'kysely';
import SQLite from 'better-sqlite3';
import { sqliteOf, type DB } from '$lib/server/db';
import { addMonths } from '$lib/months';
import { bufferSource } from './dialect';
import { importFile, type IngestScope } from './ingest';

const ENV = { BENCHLEARN_TODAY: '2026-11-25' };
const ANALYST: IngestScope = { jobcenterId: null, mayImportRegister: true };
const fixture = (name: string) => readFileSync(`tests/fixtures/ingest/${name}`);

function run(
	db: DB,
	file: string | Buffer,
	options: { scope?: IngestScope; dryRun?: boolean } = {}
) {
	return importFile(db, bufferSource(file), {
		fileName: 'test.csv',
		userId: null,
		scope: options.scope ?? ANALYST,
		dryRun: options.dryRun,
		env: ENV
	});
}

async function metric(db: DB, jobcenterId: number, channel: string, month: string) {
	return db
		.selectFrom('monthly_metric')
		.selectAll()
		.where('jobcenter_id', '=', jobcenterId)
		.where('channel_id', '=', channel)
		.where('month', '=', month)
		.executeTakeFirst();
}

describe('importFile with metrics', () => {
	it('imports a Windows-1252 semicolon file from German Excel', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const result = await run(db, fixture('metrics-windows1252-semicolon.csv'));
		expect(result.errors).toEqual([]);
		expect(result.dialect).toEqual({ encoding: 'windows-1252', delimiter: ';', numberStyle: 'de' });
		expect(result).toMatchObject({ kind: 'metrics', inserted: 3, updated: 0, unchanged: 0 });
		expect(result.warnings.map((w) => [w.line, w.code, w.detail])).toEqual([
			[4, 'code_leading_zero', '05754']
		]);
		expect(await metric(db, id, 'facebook', '2026-01')).toMatchObject({
			followers: 1234,
			impressions: 45678,
			reach: 30000,
			staff_hours: 12.5
		});
		expect(await metric(db, id, 'instagram', '2026-03')).toMatchObject({
			reach: null,
			staff_hours: 8
		});
		expect(await metric(db, id, 'x', '2026-01')).toMatchObject({ posts: 0, staff_hours: 1.25 });
		const upload = await db.selectFrom('upload').selectAll().executeTakeFirstOrThrow();
		expect(upload).toMatchObject({
			id: result.uploadId,
			kind: 'metrics',
			rows_inserted: 3,
			warnings: 1
		});
		expect(JSON.parse(upload.dialect as string)).toEqual(result.dialect);
	});

	it('imports the same file twice without duplicates and reports corrections exactly', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		await run(db, fixture('metrics-utf8-bom.csv'));
		const again = await run(db, fixture('metrics-utf8-bom.csv'));
		expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, errors: [] });
		const corrected = fixture('metrics-utf8-bom.csv')
			.toString()
			.replace('2000,8,10000', '2000,9,10000');
		const fixed = await run(db, Buffer.from(corrected));
		expect(fixed).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
		expect(fixed.changes).toEqual([
			expect.objectContaining({
				line: 3,
				channel: 'instagram',
				before: expect.objectContaining({ posts: 8 }),
				after: expect.objectContaining({ posts: 9 })
			})
		]);
		expect((await metric(db, id, 'instagram', '2026-01'))?.posts).toBe(9);
	});

	it('leaves metrics the file lacks untouched, stores empty cells as NULL and 0 as 0', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		await run(
			db,
			'jobcenter,month,channel,followers,posts,staff_hours\n05754,2026-01,facebook,100,5,2\n'
		);
		const result = await run(
			db,
			'jobcenter,month,channel,posts,replies\n05754,2026-01,facebook,,0\n'
		);
		expect(result).toMatchObject({ updated: 1 });
		expect(await metric(db, id, 'facebook', '2026-01')).toMatchObject({
			followers: 100,
			posts: null,
			replies: 0,
			staff_hours: 2
		});
	});

	it('reads a tab file with decimal commas as German throughout', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const result = await run(db, fixture('metrics-tab-decimal-comma.csv'));
		expect(result.dialect).toEqual({ encoding: 'utf-8', delimiter: '\t', numberStyle: 'de' });
		expect(await metric(db, id, 'linkedin', '2026-02')).toMatchObject({
			followers: 1300,
			staff_hours: 3
		});
		// The pass read in the tab file's default English style was rolled back, upload and all.
		const uploads = await db.selectFrom('upload').select(['id', 'dialect']).execute();
		expect(uploads).toEqual([{ id: result.uploadId, dialect: JSON.stringify(result.dialect) }]);
	});

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

	it('loads a file larger than the table with its indexes built afresh, or leaves all as it was', async () => {
		const db = await testDatabase();
		const codes = Array.from({ length: 15 }, (_, i) => `0${1001 + i}`);
		for (const code of codes) await addJobcenter(db, code);
		const schema = () =>
			sql<{ name: string; sql: string }>`select name, sql from sqlite_schema
			where tbl_name = 'monthly_metric' order by name`.execute(db);
		const indexes = (await schema()).rows;
		expect(indexes.map((i) => i.name)).toContain('monthly_metric_by_month');
		const lines = ['jobcenter,month,channel,followers,posts'];
		for (const code of codes)
			for (const channel of ['facebook', 'instagram', 'x', 'youtube'])
				for (let m = 0; m < 200; m++)
					lines.push(`${code},${addMonths('2010-01', m)},${channel},${m},1`);
		const file = lines.join('\n') + '\n';
		expect(lines.length - 1).toBe(12_000);

		const before = await dumpTables(db);
		const rejected = await run(db, file + '01001,2030-01,x,1,1\n');
		expect(rejected.errors.map((e) => [e.line, e.code])).toEqual([[12_002, 'future_month']]);
		expect(await dumpTables(db)).toEqual(before);
		expect((await schema()).rows).toEqual(indexes);

		const result = await run(db, file);
		expect(result).toMatchObject({ inserted: 12_000, errorCount: 0 });
		expect((await schema()).rows).toEqual(indexes);
		expect((await sql`pragma integrity_check`.execute(db)).rows).toEqual([
			{ integrity_check: 'ok' }
		]);
		const plan = await sql<{ detail: string }>`explain query plan
			select sum(posts) from monthly_metric where month = '2020-05'`.execute(db);
		expect(plan.rows.map((r) => r.detail).join()).toMatch(/^SEARCH monthly_metric USING .*INDEX/);
		const may2020 = await sql<{
			n: number;
			posts: number;
		}>`select count(*) as n, sum(posts) as posts
			from monthly_metric where month = '2020-05'`.execute(db);
		expect(may2020.rows).toEqual([{ n: 60, posts: 60 }]);
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

/** A jobcenter registered in January 2026, independent of the real clock. */
async function registered(db: DB, code: string): Promise<number> {
	const id = await addJobcenter(db, code);
	await db
		.updateTable('jobcenter')
		.set({ created_at: '2026-01-15T10:00:00.000Z' })
		.where('id', '=', id)
		.execute();
	return id;
}

describe('importFile with a register', () => {
	it('inserts and updates jobcenters by code and keeps the eLb history', async () => {
		const db = await testDatabase();
		const id = await registered(db, '05754');
		const result = await run(db, fixture('register-german.csv'));
		expect(result).toMatchObject({ kind: 'register', inserted: 1, updated: 1, errors: [] });
		// The file has no valid-from column: a new eLb holds from the current month.
		expect(result.registerChanges).toEqual([
			{
				line: 2,
				code: '05754',
				name: 'Jobcenter 05754',
				diffs: [
					{ field: 'name', before: 'Jobcenter 05754', after: 'Jobcenter Kreis Gütersloh' },
					{ field: 'elb', before: 10000, after: 9800, validFrom: '2026-11' }
				]
			}
		]);
		const jobcenters = await db
			.selectFrom('jobcenter')
			.select(['code', 'name', 'state', 'carrier', 'elb', 'ring'])
			.orderBy('code')
			.execute();
		expect(jobcenters).toEqual([
			{
				code: '05754',
				name: 'Jobcenter Kreis Gütersloh',
				state: 'NW',
				carrier: 'gE',
				elb: 9800,
				ring: 'Ring Nord'
			},
			{
				code: '09999',
				name: 'Jobcenter Neuhausen',
				state: 'BY',
				carrier: 'zkT',
				elb: 12345,
				ring: null
			}
		]);
		const history = await db
			.selectFrom('jobcenter_elb')
			.selectAll()
			.where('jobcenter_id', '=', id)
			.orderBy('valid_from')
			.execute();
		expect(history).toEqual([
			{ jobcenter_id: id, valid_from: '2026-01', elb: 10000 },
			{ jobcenter_id: id, valid_from: '2026-11', elb: 9800 }
		]);
		expect(await run(db, fixture('register-german.csv'))).toMatchObject({
			inserted: 0,
			updated: 0,
			unchanged: 2,
			registerChanges: []
		});
	});

	it('adds an older eLb without changing the latest one', async () => {
		const db = await testDatabase();
		const id = await registered(db, '05754');
		const file =
			'code;name;state;carrier;elb;valid_from\n05754;Jobcenter 05754;NW;gE;9.000;2024-01\n';
		expect(await run(db, file)).toMatchObject({ updated: 1, errors: [] });
		const row = await db
			.selectFrom('jobcenter')
			.select('elb')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.elb).toBe(10000);
	});

	it('reports bad register cells', async () => {
		const db = await testDatabase();
		const file =
			'code,name,state,carrier,elb\n1,,Gallien,ARGE,0\n' +
			`${'9'.repeat(21)},X,NW,gE,1\n1,Y,NW,gE,1\n`;
		const result = await run(db, file);
		expect(result.errors.map((e) => [e.line, e.code])).toEqual([
			[2, 'missing_value'],
			[2, 'unknown_state'],
			[2, 'unknown_carrier'],
			[2, 'not_positive'],
			[3, 'bad_code'],
			[4, 'duplicate_code']
		]);
	});
});
