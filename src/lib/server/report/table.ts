/**
 * Export tables and their two file formats: CSV as German Excel opens it (UTF-8 with BOM, `;`, decimal
 * comma) and XLSX (one sheet per table, numbers as numbers with formats, header row frozen). Text cells
 * that a spreadsheet would read as a formula are neutralised by the one guard in `csv.ts`, in XLSX
 * too: exceljs writes strings as text, but a sheet saved again as CSV would carry the formula on.
 */
import ExcelJS from 'exceljs';
import { excelCsv, neutralise, type Cell } from '$lib/server/csv';

export type { Cell };

export interface Column {
	header: string;
	/** An Excel number format for numeric cells, e.g. `#,##0.0`; absent for text. */
	numFmt?: string;
	width?: number;
}

export interface Table {
	/** The sheet's name in XLSX (at most 31 characters there). */
	title: string;
	columns: Column[];
	rows: Cell[][];
}

export function toCsv(table: Table): string {
	return excelCsv([table.columns.map((c) => c.header), ...table.rows]);
}

export async function toXlsx(tables: readonly Table[]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Benchlearn';
	for (const table of tables) {
		const sheet = workbook.addWorksheet(table.title.slice(0, 31), {
			views: [{ state: 'frozen', ySplit: 1 }]
		});
		sheet.columns = table.columns.map((c, i) => ({
			key: String(i),
			header: neutralise(c.header),
			width: c.width ?? (i === 0 ? 36 : 16),
			style: c.numFmt ? { numFmt: c.numFmt } : {}
		}));
		sheet.getRow(1).font = { bold: true };
		for (const row of table.rows) {
			sheet.addRow(row.map((cell) => (typeof cell === 'string' ? neutralise(cell) : cell)));
		}
	}
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The Excel number format for a KPI unit: as many decimals as the report shows. */
export function numberFormat(unit: string): string {
	const decimals: Record<string, number> = { count: 0, fte: 2, fte_per_10000_elb: 2 };
	const d = decimals[unit] ?? 1;
	const base = d === 0 ? '#,##0' : `#,##0.${'0'.repeat(d)}`;
	return unit === 'pct' ? `${base}" %"` : base;
}
