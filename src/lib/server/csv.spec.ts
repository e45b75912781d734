import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { dumpTables } from '$lib/server/db/dump';
import { bufferSource } from '$lib/server/ingest/dialect';
import { exportMetrics, exportRegister } from '$lib/server/ingest/export';
import { importFile } from '$lib/server/ingest/ingest';
import type { Issue } from '$lib/server/ingest/messages';
import { errorCsv } from '$lib/server/ingest/preview';
import { metricsTemplate, registerTemplate } from '$lib/server/ingest/template';
import { toCsv, toXlsx, type Table } from '$lib/server/report/table';
import { canonicalCsvLine, excelCsv, neutralise, restoreGuarded } from './csv';

/** The classic CSV-injection payloads, as a stranger would type them into a cell. */
const PAYLOADS = [
	'=1+1',
	'+1',
	"-2+3+cmd|' /C calc'!A0",
	'@SUM(A1)',
	'\t=1',
	'\r=1',
	'=HYPERLINK("http://x.test","klick")'
];

/** Reads a German Excel CSV back as csv-parse does: BOM, `;`, quotes kept apart from content. */
function readGerman(text: string): string[][] {
	expect(text.charCodeAt(0)).toBe(0xfeff);
	return parse(text, { bom: true, delimiter: ';', record_delimiter: '\r\n' });
}

function readCanonical(text: string): string[][] {
	return parse(text, { delimiter: ',', record_delimiter: '\n' });
}

const GERMAN_NUMBER = /^-?\d+(,\d+)?$/;

describe('neutralise', () => {
	it('puts an apostrophe before text that starts like a formula, and leaves other text alone', () => {
		for (const text of [...PAYLOADS, '-1', '-A1', '\uFF1D1+1'])
			expect(neutralise(text)).toBe(`'${text}`);
		for (const text of ['Jobcenter', '1-2', ' =1', '', "'x", 'Gütersloh'])
			expect(neutralise(text)).toBe(text);
	});

	it('is undone exactly by restoreGuarded, also for text that already starts with an apostrophe', () => {
		for (const text of [...PAYLOADS, "'=1", "''-x", "'x", "'", 'Köln', ''])
			expect(restoreGuarded(neutralise(text))).toBe(text);
		expect(neutralise("'=1")).toBe("''=1");
	});
});

describe('excelCsv', () => {
	it('quotes delimiters, quotes and line breaks, and writes numbers with a decimal comma', () => {
		expect(excelCsv([['a;b', 'sagt "Hallo"', 'zwei\nZeilen', 'Gütersloh', -12.25, 3, null]])).toBe(
			'\uFEFF"a;b";"sagt ""Hallo""";"zwei\nZeilen";Gütersloh;-12,25;3;\r\n'
		);
	});
});

describe('canonicalCsvLine', () => {
	it('quotes only what needs quoting', () => {
		expect(canonicalCsvLine(['a', 1, null, 2.5, -3])).toBe('a,1,,2.5,-3');
		expect(canonicalCsvLine(['Kreis X, Y', 'say "hi"', ' pad'])).toBe(
			'"Kreis X, Y","say ""hi"""," pad"'
		);
	});
});

describe('every CSV the app writes', () => {
	it('report tables: payload cells neutralised, numbers (negative ones too) stay numbers', async () => {
		const table: Table = {
			title: 'Reichweite',
			columns: [{ header: '=Jobcenter' }, { header: 'Wert', numFmt: '#,##0.0' }],
			rows: PAYLOADS.map((p, i) => [p, -i - 0.5])
		};
		const rows = readGerman(toCsv(table));
		expect(rows[0]).toEqual(["'=Jobcenter", 'Wert']);
		expect(rows.slice(1).map((r) => r[0])).toEqual(PAYLOADS.map((p) => `'${p}`));
		for (const [i, row] of rows.slice(1).entries()) {
			expect(row[1]).toMatch(GERMAN_NUMBER);
			expect(row[1]).toBe(String(-i - 0.5).replace('.', ','));
		}

		// XLSX: exceljs writes strings as text, never as formulas; the guard still marks them.
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await toXlsx([table])) as unknown as ArrayBuffer);
		const sheet = workbook.getWorksheet('Reichweite')!;
		for (const [i, payload] of PAYLOADS.entries()) {
			const cell = sheet.getCell(i + 2, 1);
			expect(cell.type).toBe(ExcelJS.ValueType.String);
			expect(cell.formula).toBeUndefined();
			// XML reads a bare CR back as LF; what matters is the apostrophe in front.
			expect(cell.value).toBe(`'${payload}`.replace('\r', '\n'));
			expect(sheet.getCell(i + 2, 2).type).toBe(ExcelJS.ValueType.Number);
		}
	});

	it('the error CSV of an upload: payloads in column and value are neutralised, lines stay numbers', () => {
		const issues: Issue[] = PAYLOADS.map((p, i) => ({
			line: i + 2,
			column: p,
			value: p,
			code: 'unknown_channel'
		}));
		const rows = readGerman(errorCsv(issues, 'de'));
		expect(rows[0]).toEqual(['Zeile', 'Spalte', 'Wert', 'Meldung']);
		expect(rows.slice(1)).toEqual(
			PAYLOADS.map((p, i) => [String(i + 2), `'${p}`, `'${p}`, 'Unbekannter Kanal.'])
		);
	});

	it('the templates: a payload as the example jobcenter is neutralised, the figures stay as they are', () => {
		for (const template of [metricsTemplate, registerTemplate]) {
			for (const payload of PAYLOADS) {
				const [header, example] = readGerman(template(payload, '2026-10'));
				expect(header.every((h) => neutralise(h) === h)).toBe(true);
				expect(example[0]).toBe(`'${payload}`);
				expect(example.slice(1).every((c) => !c.startsWith("'"))).toBe(true);
			}
		}
		const [, example] = readGerman(metricsTemplate('05754', '2026-10'));
		expect(example.slice(3)).toEqual([
			'1.234',
			'12',
			'45.678',
			'30.000',
			'800',
			'120',
			'40',
			'100',
			'12,5',
			'2,5'
		]);
	});

	it('the canonical export: payloads neutralised, numbers plain, and re-import changes nothing', async () => {
		// The importer trims every cell, so a stored name never starts with a tab or CR.
		const stored = PAYLOADS.map((p) => p.trim());
		const db = await testDatabase();
		const ids = [];
		for (const [i, payload] of stored.entries()) {
			const id = await addJobcenter(db, `0510${i}`, payload);
			await db.updateTable('jobcenter').set({ name: payload }).where('id', '=', id).execute();
			ids.push(id);
		}
		await db
			.insertInto('monthly_metric')
			.values(
				ids.map((id, i) => ({
					jobcenter_id: id,
					month: '2026-01',
					channel_id: 'facebook',
					followers: 1000 + i,
					posts: i,
					impressions: null,
					reach: null,
					reactions: null,
					comments: null,
					shares: null,
					replies: null,
					staff_hours: 2.5 + i
				}))
			)
			.execute();

		const collect = async (lines: AsyncIterable<string>) => {
			let text = '';
			for await (const line of lines) text += line + '\n';
			return text;
		};
		const register = await collect(exportRegister(db));
		const metrics = await collect(exportMetrics(db));
		const registerRows = readCanonical(register).slice(1);
		expect(registerRows.map((r) => [r[1], r[5]])).toEqual(stored.map((p) => [`'${p}`, `'${p}`]));
		for (const row of readCanonical(metrics).slice(1)) {
			expect(Number(row[3])).toBeGreaterThanOrEqual(1000);
			expect(row[3]).toMatch(/^\d+$/);
			expect(row[11]).toMatch(/^\d+\.5$/);
		}

		const before = await dumpTables(db);
		const options = {
			fileName: 'export.csv',
			userId: null,
			scope: { jobcenterId: null, mayImportRegister: true },
			env: { BENCHLEARN_TODAY: '2026-11-25' }
		};
		const reRegister = await importFile(db, bufferSource(register), options);
		expect(reRegister).toMatchObject({ errors: [], inserted: 0, updated: 0 });
		const reMetrics = await importFile(db, bufferSource(metrics), options);
		expect(reMetrics).toMatchObject({ errors: [], inserted: 0, updated: 0 });
		const after = await dumpTables(db);
		expect(after.jobcenter).toEqual(before.jobcenter);
		expect(after.monthly_metric).toEqual(before.monthly_metric);
	});
});
