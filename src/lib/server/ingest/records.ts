/** Streams a decoded CSV as records with the line numbers a spreadsheet shows, via Papa Parse. */
import Papa from 'papaparse';
import { restoreGuarded } from '$lib/server/csv';
import type { Delimiter } from './dialect';

export interface CsvRecord {
	/** Header = 1; a quoted field with line breaks stays one line, as in Excel. */
	line: number;
	cells: string[];
	/** From a workbook: the cells that were numbers, already written in the style asked for. */
	typed?: boolean[];
}

/** Why a CSV file's syntax is broken: `messages.ts` says it in the user's language. */
export type SyntaxReason = 'quote_not_closed' | 'text_after_quote' | 'line_too_long';

/** The file's syntax itself is broken (an unclosed quote, a damaged workbook, …) from this line on. */
export class CsvSyntaxError extends Error {
	constructor(
		readonly line: number,
		readonly reason: string,
		readonly code:
			'unreadable_csv' | 'unreadable_workbook' | 'workbook_too_large' = 'unreadable_csv'
	) {
		super(reason);
	}
}

/**
 * A record longer than this is an opening quote that is never closed (or a file without line
 * breaks): it ends the file here instead of being carried from piece to piece to the end, where
 * each piece would search the whole carried text again.
 */
export const MAX_RECORD_CHARS = 1 << 20;

/**
 * Papa Parse's own parser, one decoded piece at a time: the unfinished last record of each piece
 * is carried into the next. Chosen by measurement over csv-parse (README, "Leistung"): it reads
 * the national file's records several times faster. Its quoting is RFC 4180's with quotes inside
 * an unquoted field taken as text, as Excel writes and reads them.
 */
export async function* readRecords(
	text: AsyncIterable<string>,
	delimiter: Delimiter
): AsyncIterable<CsvRecord> {
	let parser: Papa.Parser | null = null;
	let carried = '';
	let line = 0;
	for await (let piece of text) {
		if (parser === null) {
			if (line === 0 && carried === '' && piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
			carried += piece;
			const newline = lineBreak(carried);
			if (newline === null) {
				if (carried.length > MAX_RECORD_CHARS)
					throw new CsvSyntaxError(1, 'line_too_long' satisfies SyntaxReason);
				continue;
			}
			parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
			piece = '';
		}
		const input = carried + piece;
		const parsed = parser.parse(input, 0, true) as Papa.ParseResult<string[]>;
		yield* records(parsed, line, false);
		line += parsed.data.length;
		carried = input.slice(parsed.meta.cursor);
		if (carried.length > MAX_RECORD_CHARS) {
			throw new CsvSyntaxError(
				line + 1,
				(carried.includes('"') ? 'quote_not_closed' : 'line_too_long') satisfies SyntaxReason
			);
		}
	}
	if (carried === '') return;
	parser ??= new Papa.Parser({ delimiter, newline: lineBreak(carried) ?? '\n', quoteChar: '"' });
	yield* records(parser.parse(carried, 0, false) as Papa.ParseResult<string[]>, line, true);
}

/**
 * The line break of a file's head, null while it cannot tell yet: `\n` and `\r\n` both end on
 * `\n` (the `\r` before it is dropped from the record); only old Mac files end lines with `\r`.
 */
function lineBreak(head: string): '\n' | '\r' | null {
	if (head.includes('\n')) return '\n';
	const cr = head.indexOf('\r');
	return cr === -1 || cr === head.length - 1 ? null : '\r';
}

/** One parsed piece's records, numbered on from `line`; a quoting error ends the file at its record. */
function* records(
	parsed: Papa.ParseResult<string[]>,
	line: number,
	final: boolean
): Generator<CsvRecord> {
	// A piece's unfinished last record is read again with the next piece: its errors may vanish.
	const broken = parsed.errors.find(
		(e) => e.type === 'Quotes' && (final || (e.row ?? 0) < parsed.data.length)
	);
	const end = broken ? (broken.row ?? 0) : parsed.data.length;
	for (let r = 0; r < end; r++) {
		const cells = parsed.data[r];
		const last = cells.length - 1;
		// A `\r\n` line break leaves its `\r` on the record's last cell.
		if (cells[last].endsWith('\r')) cells[last] = cells[last].slice(0, -1);
		// Our own exports guard formula-looking text with an apostrophe; reading it back undoes that.
		for (let i = 0; i < cells.length; i++) cells[i] = restoreGuarded(cells[i].trim());
		yield { line: line + r + 1, cells };
	}
	if (broken) {
		const reason: SyntaxReason =
			broken.code === 'MissingQuotes' ? 'quote_not_closed' : 'text_after_quote';
		throw new CsvSyntaxError(line + end + 1, reason);
	}
}

/** Excel writes `;;;` for rows it considers empty; such rows carry nothing and are skipped. */
export function isBlank(cells: string[]): boolean {
	return cells.every((c) => c.trim() === '');
}
