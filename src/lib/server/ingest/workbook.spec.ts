import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
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
import { bufferSource } from './dialect';
import { importFile, type IngestScope } from './ingest';
import { toJson, toText } from './report';
import { metricsWorkbook, registerWorkbook } from './workbook-template';
import { monthOfNumber, numberText } from './workbook';

const ENV = { BENCHLEARN_TODAY: '2026-11-25' };
const ANALYST: IngestScope = { jobcenterId: null, mayImportRegister: true };

function run(db: DB, file: string | Buffer, dryRun = false) {
	return importFile(db, bufferSource(file), {
		fileName: 'kennzahlen.xlsx',
		userId: null,
		scope: ANALYST,
		dryRun,
		env: ENV
	});
}

async function withJobcenter() {
	const db = await testDatabase();
	const id = await addJobcenter(db, '05754');
	return { db, id };
}

const metrics = (db: DB) =>
	db.selectFrom('monthly_metric').selectAll().orderBy('channel_id').orderBy('month').execute();

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

/** A ZIP with stored entries whose central directory claims the given sizes. */
function storedZip(entries: { name: string; data: string; claimed?: number }[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const { name, data, claimed } of entries) {
		const body = Buffer.from(data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt32LE(body.length, 18);
		local.writeUInt32LE(body.length, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt32LE(body.length, 20);
		central.writeUInt32LE(claimed ?? body.length, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		const header = Buffer.concat([local, Buffer.from(name)]);
		locals.push(header, body);
		centrals.push(central, Buffer.from(name));
		offset += header.length + body.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

describe('a ZIP that is no readable workbook', () => {
	const codes = async (file: Buffer) => {
		const { db } = await withJobcenter();
		const result = await run(db, file, true);
		expect(await metrics(db)).toEqual([]);
		return result.errors.map((e) => e.code);
	};

	it('is refused with its own message, not a crash', async () => {
		const good = await germanMetricsWorkbook();
		// Another ZIP, e.g. a zipped CSV.
		expect(await codes(storedZip([{ name: 'daten.csv', data: 'Jobcenter;Monat\n' }]))).toEqual([
			'unreadable_workbook'
		]);
		// Cut off in transfer.
		expect(await codes(good.subarray(0, good.length - 200))).toEqual(['unreadable_workbook']);
		// Damaged inside: the directory is whole, the sheet's compressed bytes are not.
		const damaged = Buffer.from(good);
		damaged.fill(0x41, 400, 2400);
		expect(await codes(damaged)).toEqual(['unreadable_workbook']);
	});

	it('is refused before unpacking when it claims to unpack to more than 512 MB', async () => {
		const bomb = storedZip([
			{ name: 'xl/workbook.xml', data: '<workbook/>' },
			{ name: 'xl/worksheets/sheet1.xml', data: '<worksheet/>', claimed: 600 * 1024 * 1024 }
		]);
		expect(await codes(bomb)).toEqual(['workbook_too_large']);
		const { db } = await withJobcenter();
		expect(toText(await run(db, bomb, true), 'de', true)).toContain(
			'Die Arbeitsmappe ist ausgepackt zu groß (mehr als 512 MB).'
		);
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

describe('the Excel templates', () => {
	it('have a frozen, typed header row and a sheet that explains the columns', async () => {
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await metricsWorkbook('05754', '2026-10')) as unknown as ArrayBuffer);
		const [sheet, help] = workbook.worksheets;
		expect(sheet.name).toBe('Kennzahlen');
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(sheet.getRow(1).getCell(1).value).toBe('Jobcenter');
		expect(sheet.getColumn(1).numFmt).toBe('@');
		expect(sheet.getColumn(2).numFmt).toBe('mm.yyyy');
		expect(sheet.getColumn(4).numFmt).toBe('#,##0');
		expect(help.name).toBe('Erläuterungen');
		expect(help.getColumn(3).values.join(' ')).toContain('Arbeitsstunden für den Kanal im Monat');
	});

	it('import as they are, and with rows filled in', async () => {
		const { db } = await withJobcenter();
		const template = await metricsWorkbook('05754', '2026-10');
		const asIs = await run(db, template, true);
		expect(asIs).toMatchObject({ kind: 'metrics', errors: [], warnings: [], inserted: 1 });

		// A user fills in two more months below the example, as numbers and a date.
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(template as unknown as ArrayBuffer);
		const sheet = workbook.worksheets[0];
		sheet.addRow(['05754', new Date(Date.UTC(2026, 8, 1)), 'Instagram', 900, 4, 1000, 800]);
		sheet.addRow(['05754', 'Sept. 2026', 'LinkedIn', 300, 2, 400, 350, 10, 1, 0, 1, 1.5]);
		const filled = Buffer.from(await workbook.xlsx.writeBuffer());
		const result = await run(db, filled);
		expect(result).toMatchObject({ errors: [], warnings: [], inserted: 3 });
		expect((await metrics(db)).map((r) => [r.channel_id, r.month, r.staff_hours])).toEqual([
			['facebook', '2026-10', 12.5],
			['instagram', '2026-09', null],
			['linkedin', '2026-09', 1.5]
		]);

		const register = await run(db, await registerWorkbook('09999', '2026-11'), true);
		expect(register).toMatchObject({ kind: 'register', errors: [], warnings: [], inserted: 1 });
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

	function cli(args: string[], databasePath: string) {
		const child = spawn('npx', ['tsx', 'src/cli/import.ts', ...args], {
			env: { ...process.env, DATABASE_PATH: databasePath, BENCHLEARN_TODAY: '2026-11-25' }
		});
		let stdout = '';
		child.stdout.on('data', (d) => (stdout += d));
		return new Promise<{ code: number | null; stdout: string }>((resolve) =>
			child.on('close', (code) => resolve({ code, stdout }))
		);
	}

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
