import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { numberFormat, toCsv, toXlsx, type Table } from './table';

const table: Table = {
	title: 'Reichweite',
	columns: [
		{ header: 'Jobcenter' },
		{ header: 'Follower je 1.000 eLb', numFmt: '#,##0.0' },
		{ header: 'Veränderung', numFmt: '#,##0.0" %"' }
	],
	rows: [
		['Jobcenter Köln; Nord', 1234.5, -12.25],
		['=HYPERLINK("http://x.test","klick")', 0.1, null],
		['+49 170', 7, 3],
		['-1 Zeile', 8, 4],
		['@SUM(A1)', 9, 5],
		['\tTab', 10, 6],
		['\rCR', 11, 7],
		['Mit "Anführung"', 12, 8]
	]
};

/** Reads CSV as German Excel does: BOM, `;`, quotes, and a decimal comma makes a number. */
function parseGermanCsv(text: string): (string | number | null)[][] {
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	const body = text.slice(1);
	for (let i = 0; i < body.length; i++) {
		const ch = body[i];
		if (quoted) {
			if (ch === '"' && body[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ';') {
			row.push(field);
			field = '';
		} else if (ch === '\r' && body[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i++;
		} else field += ch;
	}
	return rows.map((r) =>
		r.map((f) => (f === '' ? null : /^-?\d+(,\d+)?$/.test(f) ? Number(f.replace(',', '.')) : f))
	);
}

describe('toCsv', () => {
	it('opens in German Excel with the right numbers and text, and no formula', () => {
		const parsed = parseGermanCsv(toCsv(table));
		expect(parsed[0]).toEqual(['Jobcenter', 'Follower je 1.000 eLb', 'Veränderung']);
		expect(parsed[1]).toEqual(['Jobcenter Köln; Nord', 1234.5, -12.25]);
		expect(parsed[2]).toEqual([`'=HYPERLINK("http://x.test","klick")`, 0.1, null]);
		expect(parsed.slice(3, 8).map((r) => r[0])).toEqual([
			"'+49 170",
			"'-1 Zeile",
			"'@SUM(A1)",
			"'\tTab",
			"'\rCR"
		]);
		expect(parsed[8]).toEqual(['Mit "Anführung"', 12, 8]);
		// Negative numbers stay numbers: no apostrophe.
		expect(toCsv(table)).toContain(';-12,25\r\n');
	});
});

describe('toXlsx', () => {
	it('writes numbers as numbers with formats, text as neutralised text, and freezes the header row', async () => {
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(
			(await toXlsx([table, { ...table, title: 'Resonanz' }])) as unknown as ArrayBuffer
		);
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['Reichweite', 'Resonanz']);
		const sheet = workbook.getWorksheet('Reichweite')!;
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(sheet.getCell('A1').value).toBe('Jobcenter');
		expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
		expect(sheet.getCell('B2').value).toBe(1234.5);
		expect(sheet.getCell('B2').numFmt).toBe('#,##0.0');
		expect(sheet.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
		expect(sheet.getCell('C2').value).toBe(-12.25);
		expect(sheet.getCell('C2').numFmt).toBe('#,##0.0" %"');
		expect(sheet.getCell('A3').type).toBe(ExcelJS.ValueType.String);
		expect(sheet.getCell('A3').value).toBe(`'=HYPERLINK("http://x.test","klick")`);
		expect(sheet.getCell('A5').value).toBe("'-1 Zeile");
		expect(sheet.getCell('C3').type).toBe(ExcelJS.ValueType.Null);
	});
});

describe('numberFormat', () => {
	it('follows the units', () => {
		expect(numberFormat('count')).toBe('#,##0');
		expect(numberFormat('pct')).toBe('#,##0.0" %"');
		expect(numberFormat('fte_per_10000_elb')).toBe('#,##0.00');
	});
});
