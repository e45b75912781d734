/** The CSV parsers in node_modules, each on the same decoded text, so that the importer's parser is chosen by measurement. */
import { pipeline, Readable, type Transform } from 'node:stream';
// The importer's parser until 2026-12-03; only the benchmark uses it now, to compare.
import { parse as csvParse } from 'csv-parse';
// Installed with exceljs; only the benchmark uses it, to compare.
import { parse as fastCsv } from '@fast-csv/parse';
import Papa from 'papaparse';
import type { Delimiter } from '$lib/server/ingest/dialect';
import { readRecords } from '$lib/server/ingest/records';

/** Reads every record of `text`; resolves with how many there were. */
export type Parser = (text: AsyncIterable<string>, delimiter: Delimiter) => Promise<number>;

/** Counts the records a parsing stream emits, as fast as it emits them ('data' events, no await per record). */
function count(text: AsyncIterable<string>, parser: Transform): Promise<number> {
	return new Promise((resolve, reject) => {
		let records = 0;
		parser.on('data', () => records++);
		pipeline(Readable.from(text), parser, (e) => (e ? reject(e) : resolve(records)));
	});
}

export const PARSERS: Record<string, Parser> = {
	'readRecords (Papa Parse on decoded pieces, one await per record)': async (text, d) => {
		let records = 0;
		for await (const record of readRecords(text, d)) records += record.line > 0 ? 1 : 0;
		return records;
	},
	'Papa Parse 5 on the Node stream, chunk callback': (text, delimiter) =>
		new Promise((resolve, reject) => {
			let records = 0;
			Papa.parse(Readable.from(text), {
				delimiter,
				chunk: (results) => (records += results.data.length),
				complete: () => resolve(records),
				error: reject
			});
		}),
	'csv-parse with trim and relax_quotes, events': (text, delimiter) =>
		count(
			text,
			csvParse({ delimiter, bom: true, trim: true, relax_quotes: true, relax_column_count: true })
		),
	'csv-parse for speed (bom, relax_column_count only), events': (text, delimiter) =>
		count(text, csvParse({ delimiter, bom: true, relax_column_count: true })),
	'@fast-csv/parse 4.3 (no trim), events': (text, delimiter) =>
		count(text, fastCsv({ delimiter, ignoreEmpty: false }))
};
