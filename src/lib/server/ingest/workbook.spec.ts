import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/testing';
import { migrateToLatest, openDatabase, type DB } from '$lib/server/db';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import {
	GERMAN_METRICS_CSV,
	GERMAN_REGISTER_CSV,
	faultyMetricsWorkbook,
	germanMetricsWorkbook,
	germanRegisterWorkbook,
	wideWorkbook
} from '../../../../tests/fixtures/workbooks';
import { toJson, toText } from './report';
import { monthOfNumber, numberText, skipSheet } from './workbook';
import { metrics, run, withJobcenter } from './workbook.fixture';

describe('an Excel workbook of monthly figures', () => {
	it('is read from its first sheet as German Excel saves it', async () => {
		const { db, id } = await withJobcenter();
		const result = await run(db, await germanMetricsWorkbook());
		expect(result.errors).toEqual([]);
		expect(result.warnings).toEqual([]);
		expect(result.dialect).toEqual({ format: 'xlsx', sheet: 'Kennzahlen', numberStyle: 'de' });
		expect(result).toMatchObject({ kind: 'metrics', inserted: 4, updated: 0 });
		// The header's line breaks do not hide the columns.
		expect(result.columns.map((c) => c.field)).toContain('staff_hours');
		const rows = await metrics(db);
		expect(rows.map((r) => [r.jobcenter_id, r.channel_id, r.month])).toEqual([
			[id, 'facebook', '2026-08'],
			[id, 'facebook', '2026-09'],
			[id, 'instagram', '2026-10'],
			[id, 'youtube', '2026-10']
		]);
		// A formula's result; 0.1 + 0.2 as Excel shows it; empty cells as not reported.
		expect(rows[1]).toMatchObject({ impressions: 46678, staff_hours: 0.3, replies: null });
		expect(rows[3]).toMatchObject({ reach: null, response_hours: 24 });
	});

	it('stores exactly what the same rows as CSV store', async () => {
		const fromXlsx = await withJobcenter();
		const fromCsv = await withJobcenter();
		const a = await run(fromXlsx.db, await germanMetricsWorkbook());
		const b = await run(fromCsv.db, GERMAN_METRICS_CSV);
		expect(a.errors).toEqual([]);
		expect(b.errors).toEqual([]);
		expect(b.dialect).toEqual({ encoding: 'utf-8-bom', delimiter: ';', numberStyle: 'de' });
		expect(a.inserted).toBe(4);
		expect(await metrics(fromXlsx.db)).toEqual(await metrics(fromCsv.db));
	});

	it('names sheet, row and column letter in every error, in the preview and the CLI text', async () => {
		const { db } = await withJobcenter();
		const result = await run(db, await faultyMetricsWorkbook(), true);
		expect(result.errors.map((e) => [e.sheet, e.line, e.cell, e.column, e.value, e.code])).toEqual([
			['Kennzahlen', 3, 'D', 'Follower', 'ca. 1300', 'not_a_number'],
			['Kennzahlen', 4, 'B', 'Monat', '2027-01-01', 'future_month'],
			['Kennzahlen', 5, 'C', 'Kanal', 'Fratzenbuch', 'unknown_channel']
		]);
		expect(toText(result, 'de', true)).toContain(
			'Blatt „Kennzahlen“, Zeile 3, Spalte D („Follower“), Wert „ca. 1300“: Keine Zahl.'
		);
		const json = toJson(result, 'de');
		expect(json.errors[0]).toEqual({
			line: 3,
			column: 'Follower',
			value: 'ca. 1300',
			code: 'not_a_number',
			message: 'Keine Zahl.',
			sheet: 'Kennzahlen',
			cell: 'D'
		});
		expect(await metrics(db)).toEqual([]);
	});

	it('says so when the first sheet is empty and the figures are on another one', async () => {
		const workbook = new ExcelJS.Workbook();
		workbook.addWorksheet('Tabelle1');
		workbook.addWorksheet('Kennzahlen').addRow(['Jobcenter', 'Monat', 'Kanal']);
		const { db } = await withJobcenter();
		const result = await run(db, Buffer.from(await workbook.xlsx.writeBuffer()), true);
		expect(result.errors.map((e) => [e.code, e.sheet])).toEqual([['empty_sheet', 'Tabelle1']]);
		expect(toText(result, 'de', true)).toContain('Das erste Blatt der Arbeitsmappe ist leer.');
	});

	it('refuses a header wider than 200 columns', async () => {
		const { db } = await withJobcenter();
		const result = await run(db, await wideWorkbook(), true);
		expect(result.errors.map((e) => e.code)).toEqual(['too_many_columns']);
	});

	it('reads a number as the month when the cell has no date format', () => {
		expect(monthOfNumber(46296)).toBe('2026-10-01');
		expect(monthOfNumber(202610)).toBe('2026-10');
		expect(monthOfNumber(10.2026)).toBe('10.2026');
		expect(monthOfNumber(12)).toBeNull();
		expect(numberText(0.1 + 0.2, 'de')).toBe('0,3');
		expect(numberText(1234.5, 'en')).toBe('1234.5');
	});
});

describe('an Excel workbook of the register', () => {
	it('stores exactly what the same rows as CSV store', async () => {
		const fromXlsx = await testDatabase();
		const fromCsv = await testDatabase();
		const a = await run(fromXlsx, await germanRegisterWorkbook());
		const b = await run(fromCsv, GERMAN_REGISTER_CSV);
		expect(a.errors).toEqual([]);
		expect(b.errors).toEqual([]);
		expect(a).toMatchObject({ kind: 'register', inserted: 3 });
		const stored = (db: DB) =>
			db
				.selectFrom('jobcenter')
				.leftJoin('jobcenter_elb', 'jobcenter_elb.jobcenter_id', 'jobcenter.id')
				.selectAll()
				.orderBy('code')
				.execute();
		// Both files were imported at their own moment; everything else must be the same.
		const register = async (db: DB) => (await stored(db)).map(({ created_at: _, ...row }) => row);
		expect((await register(fromXlsx)).map((j) => [j.code, j.elb])).toEqual([
			['03241', 48900],
			['05754', 21450],
			['09162', 60210]
		]);
		expect(await register(fromXlsx)).toEqual(await register(fromCsv));
	});
});

describe('npm run import with a workbook', () => {
	const dir = mkdtempSync(join(tmpdir(), 'benchlearn-xlsx-'));

	async function database(name: string) {
		const path = join(dir, name);
		const db = openDatabase(path);
		await migrateToLatest(db);
		await addJobcenter(db, '05754');
		await db.destroy();
		return path;
	}

	const cli = (args: string[], databasePath: string) =>
		runCli('import', args, databasePath, { BENCHLEARN_TODAY: '2026-11-25' });

	it('keeps the --json contract of a CSV and its exit codes', async () => {
		const xlsx = join(dir, 'Kennzahlen.xlsx');
		const csv = join(dir, 'Kennzahlen.csv');
		const faulty = join(dir, 'Fehler.xlsx');
		writeFileSync(xlsx, await germanMetricsWorkbook());
		writeFileSync(csv, GERMAN_METRICS_CSV);
		writeFileSync(faulty, await faultyMetricsWorkbook());
		const [fromXlsx, fromCsv] = await Promise.all([
			cli([xlsx, '--json'], await database('a.db')),
			cli([csv, '--json'], await database('b.db'))
		]);
		expect([fromXlsx.code, fromCsv.code]).toEqual([0, 0]);
		const [a, b] = [JSON.parse(fromXlsx.stdout), JSON.parse(fromCsv.stdout)];
		expect(Object.keys(a)).toEqual(Object.keys(b));
		expect(a).toMatchObject({
			kind: 'metrics',
			inserted: 4,
			errors: [],
			dialect: { format: 'xlsx', sheet: 'Kennzahlen', numberStyle: 'de' }
		});
		expect({ ...a, dialect: null }).toEqual({ ...b, dialect: null });

		const rejected = await cli([faulty, '--json'], await database('c.db'));
		expect(rejected.code).toBe(1);
		expect(JSON.parse(rejected.stdout).errors[0]).toMatchObject({ sheet: 'Kennzahlen', cell: 'D' });
	});
});

describe('a sheet that is not read', () => {
	it('is closed quietly when its temporary copy is already gone', async () => {
		// exceljs removes a sheet's temporary copy as soon as the next sheet is asked for, which
		// can be before the copy was opened; an error of that stream must not reach the process.
		const copy = createReadStream(
			join(mkdtempSync(join(tmpdir(), 'benchlearn-sheet-')), 'gone.xml')
		);
		skipSheet({ iterator: copy } as unknown as Parameters<typeof skipSheet>[0]);
		await new Promise<void>((done) => copy.once('close', () => done()));
		expect(copy.destroyed).toBe(true);
	});
});
