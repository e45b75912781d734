/** The first pass over a file: its header, and the number style that only all its values together decide. */
import { METRIC_FIELDS } from './aliases';
import { decideNumberStyle, NumberStyleVote, type Dialect } from './dialect';
import { readHeader, type Header } from './headers';
import type { IssueLog } from './issues';
import { CsvSyntaxError, isBlank, type CsvRecord } from './records';
import { numberReadings } from './values';

/** The data rows: blank rows and the header left out. */
export async function* dataRecords(records: AsyncIterable<CsvRecord>): AsyncIterable<CsvRecord> {
	let header = true;
	for await (const record of records) {
		if (isBlank(record.cells)) continue;
		if (header) header = false;
		else yield record;
	}
}

export async function scanFile(
	records: () => AsyncIterable<CsvRecord>,
	delimiter: Dialect['delimiter'],
	log: IssueLog
): Promise<{ header: Header; style: Dialect['numberStyle'] } | null> {
	let header: Header | null = null;
	let numeric: number[] = [];
	let rows = 0;
	const vote = new NumberStyleVote();
	try {
		for await (const record of records()) {
			if (isBlank(record.cells)) continue;
			if (!header) {
				const read = readHeader(record.cells);
				read.issues.forEach((i) => log.add(i));
				if (read.kind === null) return null;
				header = read;
				numeric = header.fields.flatMap((f, i) =>
					f === 'elb' || (METRIC_FIELDS as string[]).includes(f ?? '') ? [i] : []
				);
				continue;
			}
			rows++;
			if (vote.onlyStyle.de !== undefined && vote.onlyStyle.en !== undefined) continue;
			for (const i of numeric) {
				const cell = record.cells[i]?.trim();
				if (cell) vote.note(numberReadings(cell), record.line);
			}
		}
	} catch (e) {
		if (!(e instanceof CsvSyntaxError)) throw e;
		log.add({ line: e.line, column: null, value: null, code: 'unreadable_csv', detail: e.reason });
		return null;
	}
	if (!header) return null;
	if (rows === 0) log.add({ line: 2, column: null, value: null, code: 'no_rows' });
	const decided = decideNumberStyle(delimiter, vote);
	if ('style' in decided) return { header, style: decided.style };
	const [first, second] = decided.conflictLines;
	log.add({
		line: second,
		column: null,
		value: null,
		code: 'mixed_number_format',
		detail: String(first)
	});
	return { header, style: delimiter === ';' ? 'de' : 'en' };
}
