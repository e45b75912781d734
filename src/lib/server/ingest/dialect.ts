/** Detecting a file's dialect: encoding from its bytes, delimiter from its header, number style from all its values. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { nextTurn } from '$lib/server/turn';
import type { NumberStyle } from './values';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t';

export interface Dialect {
	encoding: Encoding;
	delimiter: Delimiter;
	numberStyle: NumberStyle;
}

/** An Excel workbook has neither encoding nor delimiter: its cells are typed; `sheet` is the one read. */
export interface WorkbookDialect {
	format: 'xlsx';
	sheet: string | null;
	numberStyle: NumberStyle;
}

export type FileDialect = Dialect | WorkbookDialect;

/** A file's dialect as far as its check got: the number style is missing where it was not decided. */
export type FoundDialect =
	| (Partial<Dialect> & Pick<Dialect, 'encoding' | 'delimiter'>)
	| (Partial<WorkbookDialect> & Pick<WorkbookDialect, 'format' | 'sheet'>);

/** A ZIP's local file header: every .xlsx starts with it. */
export function isZip(head: Uint8Array): boolean {
	return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** A file that can be read more than once, chunk by chunk, so that big files never sit in memory. */
export type ByteSource = () => AsyncIterable<Uint8Array>;

export function bufferSource(bytes: Uint8Array | string): ByteSource {
	const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
	return async function* () {
		for (let i = 0; i < buffer.length; i += 65_536) yield buffer.subarray(i, i + 65_536);
	};
}

/** The file cannot be read as text at all (a usage problem, exit code 2, not a validation error). */
export class UnreadableFile extends Error {
	constructor(readonly reason: 'empty' | 'binary') {
		super(
			reason === 'empty'
				? 'The file is empty.'
				: 'The file is not a text file (CSV) nor an Excel workbook (.xlsx); it looks like another binary file such as an old .xls.'
		);
	}
}

export interface Sniffed {
	sha256: string;
	bytes: number;
	encoding: Encoding;
	/** The start of the file, enough for the header line; empty for a workbook. */
	head: string;
	/** A ZIP archive, so an Excel workbook or nothing we read. */
	zip: boolean;
}

const HEAD_BYTES = 65_536;

/**
 * One pass over the bytes: hash, and UTF-8 or not. Only bytes that are valid UTF-8 are read as
 * UTF-8; anything else is what German Excel on Windows writes, Windows-1252 (a superset of
 * ISO-8859-1 for all printable characters).
 */
export async function sniff(source: ByteSource): Promise<Sniffed> {
	const hash = createHash('sha256');
	const utf8 = new TextDecoder('utf-8', { fatal: true });
	let valid = true;
	let nul = false;
	let bytes = 0;
	const head: Uint8Array[] = [];
	for await (const chunk of source()) {
		hash.update(chunk);
		if (bytes < HEAD_BYTES) head.push(chunk.subarray(0, HEAD_BYTES - bytes));
		bytes += chunk.length;
		nul ||= chunk.includes(0);
		if (valid) {
			try {
				utf8.decode(chunk, { stream: true });
			} catch {
				valid = false;
			}
		}
	}
	if (valid) {
		try {
			utf8.decode();
		} catch {
			valid = false;
		}
	}
	const start = Buffer.concat(head);
	const sha256 = hash.digest('hex');
	if (isZip(start)) return { sha256, bytes, encoding: 'utf-8', head: '', zip: true };
	const encoding: Encoding =
		start[0] === 0xff && start[1] === 0xfe
			? 'utf-16le'
			: start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf
				? 'utf-8-bom'
				: valid
					? 'utf-8'
					: 'windows-1252';
	if (nul && encoding !== 'utf-16le') throw new UnreadableFile('binary');
	const text = decodeAll(start, encoding);
	if (text.trim() === '') throw new UnreadableFile('empty');
	return { sha256, bytes, encoding, head: text, zip: false };
}

function decodeAll(bytes: Uint8Array, encoding: Encoding): string {
	const decoder = makeDecoder(encoding);
	return decoder(bytes, true);
}

type ChunkDecoder = (chunk: Uint8Array, last: boolean) => string;

function makeDecoder(encoding: Encoding): ChunkDecoder {
	if (encoding === 'windows-1252') {
		const decoder = iconv.getDecoder('win1252');
		return (chunk, last) => decoder.write(Buffer.from(chunk)) + (last ? (decoder.end() ?? '') : '');
	}
	// TextDecoder drops the byte-order mark and keeps characters split across chunks whole.
	const decoder = new TextDecoder(encoding === 'utf-16le' ? 'utf-16le' : 'utf-8');
	return (chunk, last) => decoder.decode(chunk, { stream: !last });
}

/** The file as text, chunk by chunk. */
export async function* decode(source: ByteSource, encoding: Encoding): AsyncIterable<string> {
	const decoder = makeDecoder(encoding);
	for await (const chunk of source()) yield decoder(chunk, false);
	const rest = decoder(new Uint8Array(0), true);
	if (rest) yield rest;
}

/** The delimiter that occurs most often in the header line, outside quotes; a comma if none does. */
export function detectDelimiter(head: string): Delimiter {
	const line = (head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').replace(
		/"(?:[^"]|"")*"/g,
		''
	);
	const counts: [Delimiter, number][] = ([';', '\t', ','] as Delimiter[]).map((d) => [
		d,
		line.split(d).length - 1
	]);
	const [best, count] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
	return count > 0 ? best : ',';
}

/** Collects, over all numeric cells of a file, the first line that only one style can read. */
export class NumberStyleVote {
	readonly onlyStyle: Partial<Record<NumberStyle, number>> = {};

	note(readings: Record<NumberStyle, boolean>, line: number): void {
		if (readings.de && !readings.en) this.onlyStyle.de ??= line;
		if (readings.en && !readings.de) this.onlyStyle.en ??= line;
	}
}

/**
 * Semicolon files (and workbooks) are German, comma and tab files English, unless a value can only be read the
 * other way; values that contradict each other make the file ambiguous.
 */
export function decideNumberStyle(
	delimiter: Delimiter | null,
	vote: NumberStyleVote
): { style: NumberStyle } | { conflictLines: [number, number] } {
	const { de, en } = vote.onlyStyle;
	if (de !== undefined && en !== undefined) {
		return { conflictLines: de < en ? [de, en] : [en, de] };
	}
	if (de !== undefined) return { style: 'de' };
	if (en !== undefined) return { style: 'en' };
	return { style: defaultNumberStyle(delimiter) };
}

/** `null` is a workbook: text numbers in it were typed into German Excel. */
export function defaultNumberStyle(delimiter: Delimiter | null): NumberStyle {
	return delimiter === ';' || delimiter === null ? 'de' : 'en';
}

/** What the server's thread reads in one turn of its event loop: about a millisecond of parsing. */
const HEAD_PIECE = 8192;

/**
 * The file's first `bytes` at most, cut after the last line break in them so that no character is
 * cut in two, in pieces with a turn of the event loop between: the server's thread reads a file's
 * first lines to tell what it is and to show them, while it answers everyone else.
 */
export function headOf(source: ByteSource, bytes: number): ByteSource {
	return async function* () {
		const chunks: Uint8Array[] = [];
		let read = 0;
		for await (const chunk of source()) {
			chunks.push(chunk);
			read += chunk.length;
			if (read >= bytes) break;
		}
		let head = Buffer.concat(chunks);
		if (head.length >= bytes) {
			const utf16 = head[0] === 0xff && head[1] === 0xfe;
			const end = head.lastIndexOf(0x0a, bytes - 2);
			head = head.subarray(0, end < 0 ? bytes : end + (utf16 ? 2 : 1));
		}
		for (let at = 0; at < head.length; at += HEAD_PIECE) {
			if (at > 0) await nextTurn();
			yield head.subarray(at, at + HEAD_PIECE);
		}
	};
}

/** The file's bytes; it keeps its `path`, so that another thread can read the file too. */
export function fileSource(path: string): ByteSource & { path: string } {
	return Object.assign(() => createReadStream(path, { highWaterMark: 65_536 }), { path });
}
