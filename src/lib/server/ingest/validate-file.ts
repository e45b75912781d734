/** The validate stage: every data record of a file through its kind's validator, issues logged, good rows kept, the number-style vote taken on the way. */
import type { Metric } from '$lib/server/db/schema';
import { METRIC_FIELDS } from './aliases';
import type { Header } from './headers';
import { IssueLog } from './issues';
import type { Issue } from './messages';
import { MetricRows } from './metric-rows';
import { CsvSyntaxError, type CsvRecord } from './records';
import { dataRecords, StyleWatch } from './scan';
import { MetricsValidator, type RegisterRow } from './validate';
import { RegisterValidator } from './validate-register';
import type { CodeIndex, NumberStyle } from './values';

export type FileHeader = Exclude<Header, { kind: null }>;

export type ValidRows =
	{ kind: 'metrics'; rows: MetricRows } | { kind: 'register'; rows: RegisterRow[] };

export interface Validated {
	valid: ValidRows;
	log: IssueLog;
	/** Data records read, blank ones left out. */
	records: number;
	watch: StyleWatch;
}

export interface ValidateContext {
	codes: CodeIndex;
	month: { current: string };
	/** Hears of each data record read, with the count so far, for progress by bytes. */
	onRecord?: (records: number) => void;
	/**
	 * Set to take a metrics file's good rows in batches as they are checked, so that another thread
	 * can write them meanwhile; the result then keeps none.
	 */
	onBatch?: (rows: MetricRows) => void;
}

/** Rows per batch: big enough that posting them costs little, small enough to keep both busy. */
export const BATCH_ROWS = 16_384;

/** The metric columns of a metrics file's header, in its order. */
export function presentMetrics(header: FileHeader): Metric[] {
	return header.fields.filter((f): f is Metric => (METRIC_FIELDS as string[]).includes(f ?? ''));
}

export function unreadable(e: CsvSyntaxError): Issue {
	return {
		line: e.line > 0 ? e.line : null,
		column: null,
		value: null,
		code: e.code,
		detail: e.reason
	};
}

/** Reads every data row of `records` in `style`; a syntax error ends the file with its issue. */
export async function validateFile(
	header: FileHeader,
	records: AsyncIterable<CsvRecord>,
	style: NumberStyle,
	context: ValidateContext
): Promise<Validated> {
	const log = new IssueLog();
	log.addAll(header.issues);
	const watch = new StyleWatch(header);
	const { codes, month } = context;
	const [validator, valid] =
		header.kind === 'metrics'
			? ([
					new MetricsValidator(header.fields, header.names, style, codes, month),
					{ kind: 'metrics', rows: new MetricRows(presentMetrics(header)) }
				] as const)
			: ([
					new RegisterValidator(header.fields, header.names, style, codes, month),
					{ kind: 'register', rows: [] as RegisterRow[] }
				] as const);
	let keep = valid.rows as { push(row: unknown): void; length: number };
	const { onBatch } = context;
	const hand = onBatch && valid.kind === 'metrics' ? onBatch : null;
	const handOn = () => {
		hand!(keep as MetricRows);
		keep = new MetricRows(presentMetrics(header), BATCH_ROWS);
	};
	let count = 0;
	try {
		for await (const record of dataRecords(records)) {
			count++;
			watch.note(record);
			const found: Issue[] = [];
			const row = validator.check(record, found);
			log.addAll(found);
			if (row) {
				keep.push(row);
				if (hand && keep.length === BATCH_ROWS) handOn();
			}
			context.onRecord?.(count);
		}
	} catch (e) {
		if (!(e instanceof CsvSyntaxError)) throw e;
		log.add(unreadable(e));
	}
	if (hand && keep.length > 0) handOn();
	const kept = hand ? { kind: 'metrics' as const, rows: keep as MetricRows } : valid;
	return { valid: kept as ValidRows, log, records: count, watch };
}
