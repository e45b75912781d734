/** Reading a file's shape while its records stream past: the header first, then the number style that only all its values together decide. */
import { METRIC_FIELDS } from './aliases';
import { decideNumberStyle, NumberStyleVote, type Delimiter } from './dialect';
import type { Header } from './headers';
import type { Issue } from './messages';
import { isBlank, type CsvRecord } from './records';
import { numberReadings, type NumberStyle } from './values';

/** The data rows: blank rows and the header left out. */
export async function* dataRecords(records: AsyncIterable<CsvRecord>): AsyncIterable<CsvRecord> {
	let header = true;
	for await (const record of records) {
		if (isBlank(record.cells)) continue;
		if (header) header = false;
		else yield record;
	}
}

/** The first record that is not blank: the header. */
export async function firstRecord(records: AsyncIterable<CsvRecord>): Promise<CsvRecord | null> {
	for await (const record of records) if (!isBlank(record.cells)) return record;
	return null;
}

/** Collects, record by record, the first line that only one number style can read. */
export class StyleWatch {
	readonly vote = new NumberStyleVote();
	private readonly numeric: number[];

	constructor(header: Header) {
		this.numeric = header.fields.flatMap((f, i) =>
			f === 'elb' || (METRIC_FIELDS as string[]).includes(f ?? '') ? [i] : []
		);
	}

	note(record: CsvRecord): void {
		const { de, en } = this.vote.onlyStyle;
		if (de !== undefined && en !== undefined) return;
		for (const i of this.numeric) {
			if (record.typed?.[i]) continue;
			const cell = record.cells[i];
			// Without a separator, both styles read a number alike.
			if (cell && (cell.includes(',') || cell.includes('.'))) {
				this.vote.note(this.readings(cell), record.line);
			}
		}
	}

	/** A file repeats a few thousand decimals (`0,3`, `11,5`) on every row: each is read once. */
	private readonly seen = new Map<string, Record<NumberStyle, boolean>>();

	private readings(cell: string): Record<NumberStyle, boolean> {
		let readings = this.seen.get(cell);
		if (!readings) {
			readings = numberReadings(cell);
			if (this.seen.size < 10_000) this.seen.set(cell, readings);
		}
		return readings;
	}

	decide(delimiter: Delimiter | null): ReturnType<typeof decideNumberStyle> {
		return decideNumberStyle(delimiter, this.vote);
	}
}

/**
 * The decide-number-style stage: the style the file's own values agree on, or the one error that
 * says they disagree (the rows' number errors follow from the mix, which is what the user must fix).
 */
export function numberStyleOf(
	watch: StyleWatch,
	delimiter: Delimiter | null
): { style: NumberStyle } | { mixed: Issue } {
	const decided = watch.decide(delimiter);
	if ('style' in decided) return decided;
	const [firstLine, secondLine] = decided.conflictLines;
	return {
		mixed: {
			line: secondLine,
			column: null,
			value: null,
			code: 'mixed_number_format',
			detail: String(firstLine)
		}
	};
}
