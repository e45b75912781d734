/** A checked file's first data rows as the CSV parser (or the workbook reader) split them, for the preview: they show that umlauts, delimiters and cells came through. */
import { log } from '$lib/server/log';
import { decode, headOf, type ByteSource, type FoundDialect } from './dialect';
import { CsvSyntaxError, readRecords, type CsvRecord } from './records';
import { dataRecords } from './scan';

export type SampleRow = Pick<CsvRecord, 'line' | 'cells'>;

const SAMPLE_ROWS = 5;
/** Where a CSV file's first rows are, with the lines above its header. */
const SAMPLE_BYTES = 65_536;

/**
 * The first `SAMPLE_ROWS` data rows of `source` in the `dialect` its check found. A syntax error
 * is already among the file's errors: it ends the rows, it is not thrown.
 */
export async function firstRows(source: ByteSource, dialect: FoundDialect): Promise<SampleRow[]> {
	const rows: SampleRow[] = [];
	try {
		// Imported for a workbook only, so that a CSV file's thread does not load exceljs.
		const records =
			'format' in dialect
				? (await import('./workbook')).readWorkbook(source, dialect.numberStyle ?? 'de', {
						sheet: null
					})
				: readRecords(decode(headOf(source, SAMPLE_BYTES), dialect.encoding), dialect.delimiter);
		for await (const { line, cells } of dataRecords(records)) {
			rows.push({ line, cells });
			if (rows.length >= SAMPLE_ROWS) break;
		}
	} catch (e) {
		if (!(e instanceof CsvSyntaxError)) {
			log.error({ event: 'preview_sample', err: e }, 'the first rows could not be read again');
		}
	}
	return rows;
}
