/** Checks one record at a time and turns it into a typed row or into every problem it has. */
import type { ChannelId } from '$lib/channels';
import type { Carrier, Metric, State } from '$lib/server/db/schema';
import type { MetricsField } from './aliases';
import { isWarning, type Issue } from './messages';
import type { CsvRecord } from './records';
import {
	EARLIEST_MONTH,
	monthIndex,
	parseChannel,
	parseMonth,
	parseNumber,
	type CodeIndex,
	type NumberStyle
} from './values';

export interface MetricsRow {
	line: number;
	jobcenterId: number;
	channel: ChannelId;
	month: string;
	/** Only the metric columns the file has; null is an empty cell ("not reported"). */
	values: Partial<Record<Metric, number | null>>;
}

export interface RegisterRow {
	line: number;
	code: string;
	existingId: number | null;
	name: string;
	state: State;
	carrier: Carrier;
	elb: number;
	/** `undefined` when the file has no ring column: the stored ring stays. */
	ring: string | null | undefined;
	validFrom: string;
}

export interface Cell<F> {
	field: F;
	column: string;
	value: string;
}

/** Shared by both kinds: header mapping, and the state that spans rows (duplicates, warned codes). */
export abstract class RowValidator<F extends string> {
	private readonly warnedCodes = new Set<string>();

	constructor(
		protected readonly fields: (F | null)[],
		protected readonly names: string[],
		protected readonly style: NumberStyle,
		protected readonly codes: CodeIndex,
		protected readonly month: { current: string }
	) {}

	protected cells(record: CsvRecord, issues: Issue[]): Map<F, Cell<F>> {
		const cells = new Map<F, Cell<F>>();
		record.cells.forEach((raw, i) => {
			const field = this.fields[i];
			const value = raw.trim();
			if (i >= this.fields.length) {
				if (value !== '') issues.push(issue(record.line, `#${i + 1}`, value, 'extra_cells'));
			} else if (field !== null && field !== undefined) {
				cells.set(field, { field, column: this.names[i], value });
			}
		});
		// Short rows (Excel drops trailing empty cells) read as empty cells.
		this.fields.forEach((field, i) => {
			if (field !== null && !cells.has(field))
				cells.set(field, { field, column: this.names[i], value: '' });
		});
		return cells;
	}

	protected required(line: number, cell: Cell<F> | undefined, issues: Issue[]): string | null {
		if (!cell) return null;
		if (cell.value === '') {
			issues.push(issue(line, cell.column, '', 'missing_value'));
			return null;
		}
		return cell.value;
	}

	protected jobcenter(line: number, cell: Cell<F>, issues: Issue[]) {
		const match = this.codes.find(cell.value);
		if (match?.recovered && !this.warnedCodes.has(cell.value)) {
			this.warnedCodes.add(cell.value);
			issues.push({
				...issue(line, cell.column, cell.value, 'code_leading_zero'),
				detail: match.code
			});
		}
		return match;
	}

	protected monthOf(line: number, cell: Cell<F>, issues: Issue[], future: boolean): string | null {
		const month = parseMonth(cell.value);
		const problem =
			month === null
				? 'bad_month'
				: month < EARLIEST_MONTH
					? 'too_early'
					: !future && month > this.month.current
						? 'future_month'
						: null;
		if (problem) issues.push(issue(line, cell.column, cell.value, problem));
		return problem ? null : month;
	}

	/** `decimals`: how many decimal places the value may have (0 for counts). */
	protected number(line: number, cell: Cell<F>, decimals: number, issues: Issue[]): number | null {
		const result = parseNumber(cell.value, this.style, decimals);
		if ('error' in result) {
			issues.push(issue(line, cell.column, cell.value, result.error));
			return null;
		}
		return result.value;
	}

	/** Reports a key seen before on this later line; `first` is the line that had it first. */
	protected duplicate(
		first: number,
		line: number,
		cell: Cell<F>,
		issues: Issue[],
		code: 'duplicate_key' | 'duplicate_code'
	): boolean {
		if (first === line) return false;
		issues.push({ ...issue(line, cell.column, cell.value, code), detail: String(first) });
		return true;
	}
}

export function issue(
	line: number,
	column: string | null,
	value: string | null,
	code: Issue['code']
): Issue {
	return { line, column, value, code };
}

/**
 * Decimal places a metric may have; every other metric is a count. Hours of work come with any
 * precision; an answer time has one decimal, as the platforms' inboxes show it (2,5 Std.).
 */
const DECIMALS: Partial<Record<Metric, number>> = { staff_hours: Infinity, response_hours: 1 };

export class MetricsValidator extends RowValidator<MetricsField> {
	/**
	 * The first line of each (jobcenter, channel, month): one small array of months per jobcenter
	 * and channel keeps half a million keys in a few megabytes.
	 */
	private readonly firstLines = new Map<string, Int32Array>();

	private firstLine(jobcenterId: number, channel: ChannelId, month: string, line: number): number {
		const key = `${jobcenterId}|${channel}`;
		let lines = this.firstLines.get(key);
		if (!lines) {
			lines = new Int32Array(monthIndex(this.month.current) + 1);
			this.firstLines.set(key, lines);
		}
		const index = monthIndex(month);
		lines[index] ||= line;
		return lines[index];
	}

	/** The file's columns of the key fields and of the metrics, by their index in a record. */
	private readonly keys = {
		jobcenter: this.fields.indexOf('jobcenter'),
		month: this.fields.indexOf('month'),
		channel: this.fields.indexOf('channel')
	};
	private readonly metrics = this.fields.flatMap((field, i) =>
		field === null || field === 'jobcenter' || field === 'month' || field === 'channel'
			? []
			: [{ field, column: this.names[i], index: i, decimals: DECIMALS[field] ?? 0 }]
	);

	/**
	 * As `cells` reads a record, without a map and an object per cell: this runs for every row of
	 * files with half a million rows, in the thread every large import waits for.
	 */
	private keyCell(record: CsvRecord, index: number): Cell<MetricsField> | undefined {
		if (index < 0) return undefined;
		const field = this.fields[index] as MetricsField;
		return { field, column: this.names[index], value: (record.cells[index] ?? '').trim() };
	}

	check(record: CsvRecord, issues: Issue[]): MetricsRow | null {
		const { line } = record;
		const before = issues.length;
		for (let i = this.fields.length; i < record.cells.length; i++) {
			const value = record.cells[i].trim();
			if (value !== '') issues.push(issue(line, `#${i + 1}`, value, 'extra_cells'));
		}
		const codeCell = this.keyCell(record, this.keys.jobcenter) as Cell<MetricsField>;
		const monthCell = this.keyCell(record, this.keys.month) as Cell<MetricsField>;
		const channelCell = this.keyCell(record, this.keys.channel) as Cell<MetricsField>;

		let match = null;
		if (this.required(line, codeCell, issues) !== null) {
			match = this.jobcenter(line, codeCell, issues);
			if (!match) issues.push(issue(line, codeCell.column, codeCell.value, 'unknown_jobcenter'));
		}
		const month =
			this.required(line, monthCell, issues) === null
				? null
				: this.monthOf(line, monthCell, issues, false);
		let channel: ChannelId | null = null;
		if (this.required(line, channelCell, issues) !== null) {
			channel = parseChannel(channelCell.value);
			if (!channel)
				issues.push(issue(line, channelCell.column, channelCell.value, 'unknown_channel'));
		}
		const values: MetricsRow['values'] = {};
		for (const { field, column, index, decimals } of this.metrics) {
			const value = (record.cells[index] ?? '').trim();
			values[field as Metric] =
				value === '' ? null : this.number(line, { field, column, value }, decimals, issues);
		}
		if (!match || !month || !channel) return null;
		const first = this.firstLine(match.id, channel, month, line);
		const duplicate = this.duplicate(first, line, channelCell, issues, 'duplicate_key');
		const failed = duplicate || issues.slice(before).some((i) => !isWarning(i.code));
		return failed ? null : { line, jobcenterId: match.id, channel, month, values };
	}
}
