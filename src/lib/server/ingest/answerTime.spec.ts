// The optional Antwortzeit column on its way in and out: files with it, files without it (older
// templates, correction files) and the canonical export, which carries it as its last column.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DB } from '$lib/server/db';
import { dumpTables } from '$lib/server/db/dump';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { bufferSource } from './dialect';
import { exportMetrics } from './export';
import { importFile } from './ingest';
import { undoUpload } from './undo';

const fixture = (name: string) => readFileSync(`tests/fixtures/ingest/${name}`);
const WITH = fixture('metrics-antwortzeit-excel.csv');
const CORRECTION = fixture('metrics-correction-without-antwortzeit-windows1252.csv');

function run(db: DB, file: string | Buffer) {
	return importFile(db, bufferSource(file), {
		fileName: 'monatsdaten.csv',
		userId: null,
		scope: { jobcenterId: null, mayImportRegister: true },
		env: { BENCHLEARN_TODAY: '2026-11-25' }
	});
}

async function exported(db: DB): Promise<string> {
	let text = '';
	for await (const line of exportMetrics(db)) text += line + '\n';
	return text;
}

async function answerTimes(db: DB) {
	const rows = await db
		.selectFrom('monthly_metric')
		.select(['channel_id', 'month', 'posts', 'response_hours'])
		.orderBy('month')
		.orderBy('channel_id')
		.execute();
	return rows.map((r) => [r.month, r.channel_id, r.posts, r.response_hours]);
}

describe('the Antwortzeit column', () => {
	it('reads „Antwortzeit (Std.)“ from a German Excel file, an empty cell as not reported', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const result = await run(db, WITH);
		expect(result).toMatchObject({ errors: [], warnings: [], inserted: 5 });
		expect(await answerTimes(db)).toEqual([
			['2026-01', 'facebook', 12, 2.5],
			['2026-01', 'instagram', 8, 0.5],
			['2026-02', 'facebook', 10, 3],
			['2026-02', 'instagram', 9, null],
			['2026-03', 'facebook', 11, 72]
		]);
	});

	it('is the last column of the export, and export and re-import change nothing', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		await run(db, WITH);
		const csv = await exported(db);
		const lines = csv.trim().split('\n');
		expect(lines[0].split(',').at(-1)).toBe('response_hours');
		expect(lines[1]).toBe('05754,2026-01,facebook,1234,12,45678,30000,800,120,40,100,12.5,2.5');
		expect(lines).toContain('05754,2026-02,instagram,2050,9,11000,,320,25,6,0,8,');
		const before = await dumpTables(db);
		expect(await run(db, csv)).toMatchObject({ errors: [], inserted: 0, updated: 0, unchanged: 5 });
		expect((await dumpTables(db)).monthly_metric).toEqual(before.monthly_metric);
	});

	it('stays empty for files without it, whose export re-imports unchanged', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const old = fixture('metrics-windows1252-semicolon.csv');
		expect(await run(db, old)).toMatchObject({ errors: [], inserted: 3 });
		const csv = await exported(db);
		// Twelve metric columns before it, then an empty cell: not reported, never 0.
		for (const line of csv.trim().split('\n').slice(1)) expect(line.endsWith(',')).toBe(true);
		const before = await dumpTables(db);
		expect(await run(db, csv)).toMatchObject({ errors: [], updated: 0, unchanged: 3 });
		expect((await dumpTables(db)).monthly_metric).toEqual(before.monthly_metric);
		expect(before.monthly_metric.map((r) => r.response_hours)).toEqual([null, null, null]);
	});

	it('imports the same file twice without any change the second time', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		await run(db, WITH);
		const before = await dumpTables(db);
		const again = await run(db, WITH);
		expect(again).toMatchObject({ errors: [], inserted: 0, updated: 0, unchanged: 5 });
		expect((await dumpTables(db)).monthly_metric).toEqual(before.monthly_metric);
		const changes = await db
			.selectFrom('upload_metric_change')
			.select('upload_id')
			.where('upload_id', '=', again.uploadId as number)
			.execute();
		expect(changes).toEqual([]);
	});

	it('is left as stored by a correction file without the column, and by its undo', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		await run(db, WITH);
		const correction = await run(db, CORRECTION);
		expect(correction).toMatchObject({ errors: [], inserted: 1, updated: 1, unchanged: 0 });
		// January's posts 12 → 13 with the answer time kept; a new row has none.
		expect(await answerTimes(db)).toEqual([
			['2026-01', 'facebook', 13, 2.5],
			['2026-01', 'instagram', 8, 0.5],
			['2026-02', 'facebook', 10, 3],
			['2026-02', 'instagram', 9, null],
			['2026-03', 'facebook', 11, 72],
			['2026-03', 'instagram', 7, null]
		]);
		expect(await undoUpload(db, correction.uploadId as number)).toEqual({ ok: true, restored: 2 });
		expect((await answerTimes(db)).slice(0, 1)).toEqual([['2026-01', 'facebook', 12, 2.5]]);
		expect(await answerTimes(db)).toHaveLength(5);
	});

	it('overwrites a stored answer time only where the column is there, an empty cell included', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		await run(db, WITH);
		const result = await run(
			db,
			'jobcenter,month,channel,response_hours\n05754,2026-01,facebook,1.5\n05754,2026-01,instagram,\n'
		);
		expect(result).toMatchObject({ errors: [], updated: 2 });
		expect((await answerTimes(db)).slice(0, 2)).toEqual([
			['2026-01', 'facebook', 12, 1.5],
			['2026-01', 'instagram', 8, null]
		]);
	});

	it('accepts one decimal in either style and the aliases, refuses more, negatives and text', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const english = await run(
			db,
			'Jobcenter,Month,Channel,Response time\n05754,2026-01,facebook,0.5\n05754,2026-02,facebook,24\n'
		);
		expect(english).toMatchObject({ errors: [], inserted: 2 });
		const german = await run(db, 'Kennung;Monat;Kanal;Reaktionszeit\n05754;03.2026;FB;1,5\n');
		expect(german).toMatchObject({ errors: [], inserted: 1 });
		expect((await answerTimes(db)).map((r) => r[3])).toEqual([0.5, 24, 1.5]);

		const before = await dumpTables(db);
		const bad = await run(
			db,
			[
				'Jobcenter;Monat;Kanal;Antwortzeit',
				'05754;04.2026;Facebook;2,25',
				'05754;05.2026;Facebook;-1',
				'05754;06.2026;Facebook;schnell'
			].join('\r\n')
		);
		expect(bad.errors.map((e) => [e.line, e.column, e.value, e.code])).toEqual([
			[2, 'Antwortzeit', '2,25', 'too_many_decimals'],
			[3, 'Antwortzeit', '-1', 'negative'],
			[4, 'Antwortzeit', 'schnell', 'not_a_number']
		]);
		expect(await dumpTables(db)).toEqual(before);
	});

	it('warns above 14 days (336 hours) without blocking the import', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const result = await run(
			db,
			'Jobcenter;Monat;Kanal;Antwortzeit in Stunden\n05754;01.2026;Facebook;336\n05754;02.2026;Facebook;480\n'
		);
		expect(result.errors).toEqual([]);
		expect(result.inserted).toBe(2);
		expect(result.warnings.map((w) => [w.line, w.column, w.value, w.code])).toEqual([
			[3, 'Antwortzeit in Stunden', '480', 'response_hours_high']
		]);
	});
});
