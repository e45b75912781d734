/** Streams a decoded CSV as records with the line numbers a spreadsheet shows, via csv-parse. */
import { pipeline, Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { restoreGuarded } from '$lib/server/csv';
import type { Delimiter } from './dialect';

export interface CsvRecord {
	/** Header = 1; a quoted field with line breaks stays one line, as in Excel. */
	line: number;
	cells: string[];
	/** From a workbook: the cells that were numbers, already written in the style asked for. */
	typed?: boolean[];
}

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

export async function* readRecords(
	text: AsyncIterable<string>,
	delimiter: Delimiter
): AsyncIterable<CsvRecord> {
	const parser = parse({
		delimiter,
		bom: true,
		trim: true,
		relax_quotes: true,
		relax_column_count: true
	});
	pipeline(Readable.from(text), parser, () => {});
	// A spreadsheet counts records, empty lines included, so every record is one line here; empty
	// lines come as one empty cell. (csv-parse's `info` counts physical lines and costs a third.)
	let line = 0;
	try {
		for await (const cells of parser as AsyncIterable<string[]>) {
			// Our own exports guard formula-looking text with an apostrophe; reading it back undoes that.
			for (let i = 0; i < cells.length; i++) cells[i] = restoreGuarded(cells[i]);
			yield { line: ++line, cells };
		}
	} catch (e) {
		const error = e as CsvError;
		if (typeof error.code !== 'string' || !error.code.startsWith('CSV_')) throw e;
		throw new CsvSyntaxError(line + 1, error.message.replace(/ at line \d+.*$/, ''));
	}
}

/** Excel writes `;;;` for rows it considers empty; such rows carry nothing and are skipped. */
export function isBlank(cells: string[]): boolean {
	return cells.every((c) => c.trim() === '');
}
