/** Reads a platform export's text: encoding and delimiter as the import detects them, an optional `sep=` and title line, the header and its data records. */
import { decode, sniff, type ByteSource, type Delimiter, type Encoding } from '../dialect';
import { isBlank, readRecords, type CsvRecord } from '../records';
import { detectFormat, nativeFields, type NativeFormat } from './formats';
import type { NativeField } from '../aliases';

export interface NativeTable {
	format: NativeFormat;
	encoding: Encoding;
	delimiter: Delimiter;
	sha256: string;
	/** A Meta daily series' title line (`Facebook reach`), else null. */
	title: string | null;
	names: string[];
	fields: (NativeField | null)[];
	/** The data records, blank ones left out; `line` as a spreadsheet shows it. */
	records: CsvRecord[];
	/** More than MAX_RECORDS data records: the rest was not read. */
	truncated: boolean;
}

export type ReadOutcome =
	| { table: NativeTable }
	/** Every line wrapped into one quoted field: refused whole. */
	| { wrapped: true; encoding: Encoding; delimiter: Delimiter; sha256: string }
	/** Not a platform export: Benchlearn's own layout, or nothing known. */
	| { native: false };

/** Far more rows than a platform exports for any period Benchlearn stores. */
export const MAX_RECORDS = 200_000;

const SEP = /^\s*"?sep=(.)"?\s*$/i;
const DELIMITERS: Delimiter[] = [';', '\t', ','];

/**
 * The delimiter named by a `sep=` line, else the one that occurs most often outside quotes in one
 * of the first lines: a title line (with only Excel's trailing `;`) alone would not decide it.
 */
export function exportDelimiter(head: string): Delimiter {
	const lines = head.split(/\r?\n/).filter((l) => l.trim() !== '');
	const sep = SEP.exec(lines[0] ?? '');
	if (sep && (DELIMITERS as string[]).includes(sep[1])) return sep[1] as Delimiter;
	let best: Delimiter = ',';
	let most = 0;
	for (const line of lines.slice(0, 3)) {
		const bare = line.replace(/"(?:[^"]|"")*"/g, '');
		for (const d of DELIMITERS) {
			const count = bare.split(d).length - 1;
			if (count > most) [best, most] = [d, count];
		}
	}
	return best;
}

const filled = (cells: string[]) => cells.filter((c) => c.trim() !== '');

/** A record that is one field holding a whole header line: the file was wrapped line by line. */
function wrappedHeader(cells: string[]): boolean {
	const only = filled(cells);
	if (only.length !== 1) return false;
	return DELIMITERS.some((d) => detectFormat(only[0].split(d).map(unquote)) !== null);
}

const unquote = (cell: string) => cell.trim().replace(/^"(.*)"$/s, '$1');

/** `headerOnly`: stop at the header, for telling an export from other files cheaply. */
export async function readExport(source: ByteSource, headerOnly = false): Promise<ReadOutcome> {
	const sniffed = await sniff(source);
	if (sniffed.zip) return { native: false };
	const { encoding, sha256 } = sniffed;
	const delimiter = exportDelimiter(sniffed.head);
	const leading: CsvRecord[] = [];
	const records: CsvRecord[] = [];
	let header: CsvRecord | null = null;
	let title: string | null = null;
	let format: NativeFormat | null = null;
	for await (const record of readRecords(decode(source, encoding), delimiter)) {
		if (isBlank(record.cells)) continue;
		if (header) {
			records.push(record);
			if (records.length > MAX_RECORDS) break;
			continue;
		}
		if (leading.length === 0 && SEP.test(record.cells.join(delimiter))) continue;
		leading.push(record);
		if (wrappedHeader(record.cells)) return { wrapped: true, encoding, delimiter, sha256 };
		format = detectFormat(record.cells);
		if (format) {
			header = record;
			if (headerOnly) break;
			// Meta's daily series: one title cell (German Excel adds a trailing `;`), then `Date,Primary`.
			const before = leading.length === 2 ? filled(leading[0].cells) : [];
			title = format.id === 'meta-daily' && before.length === 1 ? before[0].trim() : null;
			continue;
		}
		// Only a title line may come before the header.
		if (leading.length >= 2) return { native: false };
	}
	if (!header || !format) return { native: false };
	return {
		table: {
			format,
			encoding,
			delimiter,
			sha256,
			title,
			names: header.cells.map((c, i) => c.trim() || `#${i + 1}`),
			fields: nativeFields(header.cells),
			records: records.slice(0, MAX_RECORDS),
			truncated: records.length > MAX_RECORDS
		}
	};
}
