/** A page's tables as a download, CSV for German Excel or XLSX: the one answer every table export of a view gives (`?format=csv|xlsx`). */
import { m } from '$lib/paraglide/messages';
import { csvDownload, xlsxDownload } from '$lib/server/download';
import { choice, query, shown } from '$lib/server/params';
import { toCsv, toXlsx, type Table } from '$lib/server/report/table';

const FORMAT_QUERY = {
	format: choice(['csv', 'xlsx'] as const, (value) => m.export_bad_format({ value: shown(value) }))
};

/** Read before the page's data, so that a wrong format costs nothing; CSV when absent. */
export function exportFormat(url: URL): 'csv' | 'xlsx' {
	return query(url.searchParams, FORMAT_QUERY).format ?? 'csv';
}

/** The first table is the CSV; the workbook has every table as a sheet. */
export async function tableDownload(
	format: 'csv' | 'xlsx',
	file: { name: string; tables: Table[] }
): Promise<Response> {
	if (format === 'csv') return csvDownload(toCsv(file.tables[0]), `${file.name}.csv`);
	return xlsxDownload(new Uint8Array(await toXlsx(file.tables)), `${file.name}.xlsx`);
}
