/**
 * The parse stage for Excel workbooks (.xlsx): the first sheet streamed with exceljs into the same
 * records a CSV gives, so that validation, number style and writing are shared. Text cells stay
 * text, numbers are written in the number style asked for, dates become `YYYY-MM-DD`.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { restoreGuarded } from '$lib/server/csv';
import type { ByteSource } from './dialect';
import { readHeader } from './headers';
import { MAX_UNPACKED_MB, type Issue } from './messages';
import { CsvSyntaxError, isBlank, type CsvRecord } from './records';
import type { NumberStyle } from './values';

const MAX_UNPACKED_BYTES = MAX_UNPACKED_MB * 1024 * 1024;
const MAX_ENTRIES = 10_000;
/** The central directory is read from the last bytes of the file; a real workbook's is a few KB. */
const TAIL_BYTES = 1024 * 1024;

/** What the workbook reader learned on the way: the sheet read, for the messages' locations. */
export interface WorkbookInfo {
	sheet: string | null;
}

function failure(code: 'unreadable_workbook' | 'workbook_too_large', detail?: string): Issue {
	return { line: null, column: null, value: null, code, detail };
}

/**
 * Reads the ZIP's central directory (its table of contents, at the end) before anything is
 * unpacked: an archive that is no workbook, or that says it unpacks to more than we read, is
 * refused here. The sizes are the archive's own claims; the sheet's real size is counted too.
 */
export async function checkWorkbook(source: ByteSource): Promise<Issue | null> {
	let tail = Buffer.alloc(0);
	for await (const chunk of source()) {
		tail = Buffer.concat([tail, chunk]);
		if (tail.length > 2 * TAIL_BYTES) tail = tail.subarray(tail.length - TAIL_BYTES);
	}
	// End of central directory: signature, then counts and the directory's size and offset.
	const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (end < 0 || end + 22 > tail.length) return failure('unreadable_workbook');
	const entries = tail.readUInt16LE(end + 10);
	const size = tail.readUInt32LE(end + 12);
	if (entries === 0xffff || entries > MAX_ENTRIES) return failure('workbook_too_large');
	if (size > end) return failure('workbook_too_large');
	let at = end - size;
	let unpacked = 0;
	const names = new Set<string>();
	for (let i = 0; i < entries; i++) {
		if (at + 46 > end || tail.readUInt32LE(at) !== 0x02014b50) {
			return failure('unreadable_workbook');
		}
		const declared = tail.readUInt32LE(at + 24);
		const nameLength = tail.readUInt16LE(at + 28);
		const skip = nameLength + tail.readUInt16LE(at + 30) + tail.readUInt16LE(at + 32);
		names.add(tail.toString('utf8', at + 46, at + 46 + nameLength));
		// 0xFFFFFFFF means a ZIP64 size beyond 4 GB.
		unpacked += declared === 0xffffffff ? Infinity : declared;
		at += 46 + skip;
	}
	if (unpacked > MAX_UNPACKED_BYTES) return failure('workbook_too_large');
	if (!names.has('xl/workbook.xml') || ![...names].some((n) => /^xl\/worksheets\//.test(n))) {
		return failure('unreadable_workbook');
	}
	return null;
}

/** The reader failed: a broken archive or XML, or a sheet that unpacks to more than it said. */
class WorkbookBroken extends CsvSyntaxError {
	constructor(line: number, reason: string, code: 'unreadable_workbook' | 'workbook_too_large') {
		super(line, reason, code);
	}
}

type Reader = ExcelJS.stream.xlsx.WorkbookReader & { model?: { sheets?: { name: string }[] } };
type SheetReader = ExcelJS.stream.xlsx.WorksheetReader & {
	name: string;
	id: number | string;
	iterator: AsyncIterable<Buffer> & {
		destroy?: () => void;
		on?: (event: 'error', listener: () => void) => unknown;
	};
};

/**
 * A sheet not read: its unpacked copy (a temporary file, when it came before the strings) is
 * closed. exceljs removes that file as soon as the next sheet is asked for, which may be before
 * the stream had opened it: the stream's ENOENT then has no listener and would end the process.
 */
export function skipSheet(sheet: SheetReader): void {
	sheet.iterator.on?.('error', () => {});
	sheet.iterator.destroy?.();
}

/** Counts the sheet's unpacked XML, since an archive's sizes may lie. */
async function* bounded(chunks: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
	let total = 0;
	for await (const chunk of chunks) {
		total += chunk.length;
		if (total > MAX_UNPACKED_BYTES) throw new WorkbookBroken(0, 'too large', 'workbook_too_large');
		yield chunk;
	}
}

/**
 * The first sheet's rows as records, line = the row number Excel shows. Text cells are read back
 * through the formula guard like CSV cells; `typed` marks cells that were numbers, so that they
 * do not vote on the file's number style (they are already written in `style`).
 */
export async function* readWorkbook(
	source: ByteSource,
	style: NumberStyle,
	info: WorkbookInfo
): AsyncIterable<CsvRecord> {
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(source()), {
		worksheets: 'emit',
		sharedStrings: 'cache',
		// Styles tell a date from a number; hyperlinks and everything else are not needed.
		styles: 'cache',
		hyperlinks: 'ignore',
		entries: 'ignore'
	}) as Reader;
	// exceljs reads `model.sheets` when a sheet arrives; in an archive that holds the sheet before
	// `xl/workbook.xml` (the order varies between programs) the model is not there yet and the
	// reader would throw. Empty until then: the sheet is taken as the first, by its file name.
	(reader as { model: unknown }).model = { sheets: [] };
	const sheets = reader[Symbol.asyncIterator]() as AsyncGenerator<SheetReader>;
	let line = 0;
	let done = false;
	try {
		for (;;) {
			const next = await sheets.next();
			if (next.done) break;
			const sheet = next.value;
			// Sheets arrive in the archive's order; the first tab is the first of the workbook's list.
			const first = reader.model?.sheets?.[0]?.name;
			if (done || (first !== undefined && sheet.name !== first)) {
				skipSheet(sheet);
				continue;
			}
			done = true;
			info.sheet = sheet.name ?? `Tabelle${sheet.id}`;
			sheet.iterator = bounded(sheet.iterator) as SheetReader['iterator'];
			let dateColumns: Set<number> | null = null;
			for await (const row of sheet) {
				line = Number.isFinite(row.number) ? row.number : line + 1;
				const record = recordOf(row, line, style, dateColumns ?? new Set());
				if (dateColumns === null && !isBlank(record.cells)) {
					dateColumns = monthColumns(record.cells);
				}
				yield record;
			}
		}
	} catch (e) {
		if (e instanceof CsvSyntaxError) throw e;
		throw new WorkbookBroken(line + 1, (e as Error).message, 'unreadable_workbook');
	} finally {
		// Stopped early (after the header, say): the rest is still walked, so that every
		// temporary copy of a sheet is removed again.
		try {
			for (;;) {
				const next = await sheets.next();
				if (next.done) break;
				skipSheet(next.value);
			}
		} catch {
			// The archive was broken; that was reported where it was read.
		}
	}
}

/** The columns that hold months, from the header: a number there may be a date without a format. */
function monthColumns(cells: string[]): Set<number> {
	const header = readHeader(cells);
	if (header.kind === null) return new Set();
	const fields = header.fields as (string | null)[];
	return new Set(fields.flatMap((f, i) => (f === 'month' || f === 'valid_from' ? [i] : [])));
}

function recordOf(
	row: ExcelJS.Row,
	line: number,
	style: NumberStyle,
	months: Set<number>
): CsvRecord {
	// `values` is 1-based, with holes for empty cells.
	const values = row.values as ExcelJS.CellValue[];
	const cells: string[] = [];
	const typed: boolean[] = [];
	for (let i = 1; i < values.length; i++) {
		const value = resultOf(values[i]);
		const index = i - 1;
		if (typeof value === 'number') {
			const month = months.has(index) ? monthOfNumber(value) : null;
			cells.push(month ?? numberText(value, style));
			typed[index] = month === null;
		} else {
			cells.push(textOf(value));
		}
	}
	return { line, cells, typed };
}

/** A formula's last result, as Excel shows it; rich text as its plain text. */
function resultOf(value: ExcelJS.CellValue): Exclude<ExcelJS.CellValue, object> | Date {
	if (value === null || value === undefined) return null;
	if (value instanceof Date || typeof value !== 'object') return value;
	if ('result' in value) return resultOf((value.result ?? null) as ExcelJS.CellValue);
	if ('richText' in value) return value.richText.map((t) => t.text).join('');
	if ('error' in value) return value.error;
	if ('text' in value) return String(value.text);
	return null;
}

function textOf(value: string | boolean | Date | null | undefined): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return dateText(value);
	if (typeof value === 'boolean') return value ? 'WAHR' : 'FALSCH';
	return restoreGuarded(String(value));
}

/** exceljs gives a date cell as the UTC instant of its calendar day. */
function dateText(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/**
 * A number as the CSV of the same sheet has it: Excel computes with 15 significant digits, so
 * `0.30000000000000004` is the 0,3 the user sees. No thousands separator, so no style misreads it.
 */
export function numberText(value: number, style: NumberStyle): string {
	const text = String(Number(value.toPrecision(15)));
	return style === 'de' ? text.replace('.', ',') : text;
}

/** Excel's day 1 is 1900-01-01, with its leap-year bug: serial 25569 is 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;

/**
 * A month typed as a number: a date serial without a date format (`46296`), `202610`, or
 * `10.2026` typed into a number cell.
 */
export function monthOfNumber(value: number): string | null {
	if (Number.isInteger(value) && value >= 36_526 && value <= 73_050) {
		// 2000-01-01 … 2099-12-31 as serials.
		return dateText(new Date((value - UNIX_EPOCH_SERIAL) * 86_400_000));
	}
	if (Number.isInteger(value) && value >= 200_001 && value <= 209_912) {
		return `${Math.floor(value / 100)}-${String(value % 100).padStart(2, '0')}`;
	}
	const m = /^(\d{1,2})\.(\d{4})$/.exec(String(value));
	return m ? `${m[1]}.${m[2]}` : null;
}
