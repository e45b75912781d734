/**
 * Every CSV the app writes, through csv-stringify, and the one formula guard for text cells that
 * CSV and XLSX share. Two dialects: German Excel (BOM, `;`, CRLF, decimal comma) for people, and
 * the canonical one (UTF-8, `,`, `\n`, plain numbers) that the importer reads back losslessly.
 */
import { stringify, type Options } from 'csv-stringify/sync';

/** A number is written as a number and never guarded; `null` is an empty cell. */
export type Cell = string | number | null;

/**
 * Text that a spreadsheet would run as a formula: `=`, `+`, `-`, `@`, tab or CR first, also in the
 * full-width forms Apple Numbers normalises. Leading apostrophes are looked through, so that a text
 * which already starts with `'=` gets one more and `restoreGuarded` can undo exactly what was added.
 */
const FORMULA_CHARACTER = '[=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20]';
const FORMULA_START = new RegExp(`^'*${FORMULA_CHARACTER}`);
const GUARDED = new RegExp(`^'+${FORMULA_CHARACTER}`);

/** A leading apostrophe makes Excel, LibreOffice and Google Sheets show the text instead of evaluating it. */
export function neutralise(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of `neutralise`, for the importer: a file we wrote reads back as the text we had. */
export function restoreGuarded(text: string): string {
	return text.charCodeAt(0) === 39 && GUARDED.test(text) ? text.slice(1) : text;
}

/** No thousands separator, so that German Excel reads `1234,5` as a number; up to 6 decimals. */
function germanNumber(value: number): string {
	return String(Number(value.toFixed(6))).replace('.', ',');
}

const GERMAN_EXCEL: Options = {
	bom: true,
	delimiter: ';',
	record_delimiter: '\r\n',
	// csv-stringify quotes a lone `\n` or `\r` only when asked to once the record delimiter is set.
	quote_record_delimiter: true,
	cast: { string: neutralise, number: germanNumber }
};

const CANONICAL: Options = {
	delimiter: ',',
	record_delimiter: '\n',
	quote_record_delimiter: true,
	eof: false,
	// Spreadsheets and most CSV readers trim unquoted cells, so text with outer blanks is quoted.
	quoted_match: [/^\s|\s$/],
	cast: { string: neutralise }
};

/** A whole file for German Excel, header row included. */
export function excelCsv(rows: readonly (readonly Cell[])[]): string {
	return stringify(rows as Cell[][], GERMAN_EXCEL);
}

/** One line of the canonical CSV, without its line break; a cell is quoted only when it must be. */
export function canonicalCsvLine(cells: readonly Cell[]): string {
	return stringify([cells as Cell[]], CANONICAL);
}
