/** Writes validated metric rows one at a time inside the caller's transaction, naming the upload as each row's writer and keeping before-images of changed rows for undo. */
import type SQLite from 'better-sqlite3';
import type { Metric } from '$lib/server/db/schema';
import { METRICS } from '$lib/server/db/schema';
import { addMonths } from '$lib/months';
import type { Issue } from './messages';
import { plausibilityWarnings, type Figures } from './plausibility';
import type { MetricsRow } from './validate';
import { monthIndex } from './values';

export interface Counts {
	inserted: number;
	updated: number;
	unchanged: number;
}

/** One changed row for the preview: what is stored now and what the file brings. */
export interface RowChange {
	line: number;
	jobcenterId: number;
	channel: string;
	month: string;
	before: Figures | null;
	after: Figures;
}

const EMPTY: Figures = Object.fromEntries(METRICS.map((m) => [m, null])) as Figures;
const SAMPLE_CHANGES = 100;
const KEY = ['jobcenter_id', 'channel_id', 'month'];
const IMAGE_COLUMNS = [
	'upload_id',
	...KEY,
	'existed_before',
	'exists_after',
	...METRICS.map((m) => `before_${m}`),
	'before_upload_id'
];
const placeholders = (columns: string[]) => columns.map(() => '?').join(', ');

/**
 * Prepared statements on the raw connection, one row at a time: this runs for every row of files
 * with half a million rows, where Kysely's compiled batches took most of the import's time.
 */
export class MetricsWriter {
	readonly counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
	readonly changes: RowChange[] = [];
	written = 0;
	/** Jobcenters without stored rows: their rows can only meet rows of this file. */
	protected readonly fresh: Set<number>;
	/**
	 * The followers this file brings per jobcenter and channel, by month index (NaN: not in the
	 * file, -1: an empty cell). The month before a row comes from here when the file has it, written
	 * or not, so that a dry run warns as the import does; typed arrays keep half a million rows small.
	 */
	private readonly followersInFile = new Map<string, Float64Array>();
	private readonly stored: SQLite.Statement;
	private readonly upsert: SQLite.Statement;
	private readonly image: SQLite.Statement;
	/** The jobcenters whose rows this upload wrote, for the upload list. */
	readonly jobcenters = new Set<number>();

	constructor(
		sqlite: SQLite.Database,
		private readonly uploadId: number,
		/** The metric columns the file has; the others stay as stored. */
		protected readonly present: Metric[],
		private readonly column: (metric: Metric) => string,
		private readonly warn: (issue: Issue) => void
	) {
		this.fresh = new Set(
			sqlite
				.prepare(
					`select id from jobcenter j
					where not exists (select 1 from monthly_metric m where m.jobcenter_id = j.id)`
				)
				.pluck()
				.all() as number[]
		);
		// The row itself and the month before it (for the followers check), written earlier in this
		// file or stored before.
		this.stored = sqlite
			.prepare(
				`select month, ${METRICS.join(', ')}, upload_id from monthly_metric
				where jobcenter_id = ? and channel_id = ? and month in (?, ?)`
			)
			.raw();
		const columns = [...KEY, ...present, 'upload_id'];
		const update = [...present, 'upload_id'].map((c) => `${c} = excluded.${c}`).join(', ');
		this.upsert = sqlite.prepare(
			`insert into monthly_metric (${columns.join(', ')}) values (${placeholders(columns)})
			on conflict (${KEY.join(', ')}) do update set ${update}`
		);
		this.image = sqlite.prepare(
			`insert into upload_metric_change (${IMAGE_COLUMNS.join(', ')})
			values (${placeholders(IMAGE_COLUMNS)})`
		);
	}

	/**
	 * Classifies a row against the stored one and, when `write` is set, writes it. Nothing here
	 * depends on the rows written before, so a dry run needs no write at all.
	 */
	add(row: MetricsRow, write: boolean): void {
		const series = `${row.jobcenterId}|${row.channel}`;
		const at = monthIndex(row.month);
		const inFile = this.monthsInFile(series, at);
		// A jobcenter new to the table needs no lookup: a file holds each row only once.
		const stored = this.fresh.has(row.jobcenterId)
			? { before: null, beforeUploadId: null, previousFollowers: null }
			: this.lookup(row);
		const { before } = stored;
		const fromFile = at > 0 ? inFile[at - 1] : NaN;
		const previousFollowers = Number.isNaN(fromFile)
			? stored.previousFollowers
			: fromFile < 0
				? null
				: fromFile;
		const after: Figures = { ...(before ?? EMPTY), ...row.values };
		inFile[at] = after.followers ?? -1;
		if (before && this.present.every((m) => before[m] === after[m])) {
			this.counts.unchanged++;
			return;
		}
		this.counts[before ? 'updated' : 'inserted']++;
		if (before && this.changes.length < SAMPLE_CHANGES) {
			const { jobcenterId, channel, month } = row;
			this.changes.push({ line: row.line, jobcenterId, channel, month, before, after });
		}
		for (const w of plausibilityWarnings(row.line, after, previousFollowers, this.column)) {
			this.warn(w);
		}
		if (write) this.write(row, before, stored.beforeUploadId);
	}

	private monthsInFile(series: string, at: number): Float64Array {
		const months = this.followersInFile.get(series);
		if (months && months.length > at) return months;
		const grown = new Float64Array(at + 12).fill(NaN);
		if (months) grown.set(months);
		this.followersInFile.set(series, grown);
		return grown;
	}

	protected lookup(row: MetricsRow) {
		const previousMonth = monthBefore(row.month);
		let before: Figures | null = null;
		let beforeUploadId: number | null = null;
		let previousFollowers: number | null = null;
		for (const found of this.stored.all(row.jobcenterId, row.channel, row.month, previousMonth) as [
			string,
			...(number | null)[]
		][]) {
			if (found[0] === row.month) {
				before = figures(found);
				beforeUploadId = found[METRICS.length + 1] as number | null;
			} else previousFollowers = found[1];
		}
		return { before, beforeUploadId, previousFollowers };
	}

	/** An inserted row needs no image: undo deletes the rows this upload still is the writer of. */
	protected write(row: MetricsRow, before: Figures | null, beforeUploadId: number | null): void {
		const values: (string | number | null)[] = [row.jobcenterId, row.channel, row.month];
		for (const m of this.present) values.push(row.values[m] ?? null);
		values.push(this.uploadId);
		this.upsert.run(values);
		if (before) {
			const image: (string | number | null)[] = [this.uploadId, row.jobcenterId, row.channel];
			image.push(row.month, 1, 1);
			for (const m of METRICS) image.push(before[m]);
			image.push(beforeUploadId);
			this.image.run(image);
		}
		this.jobcenters.add(row.jobcenterId);
		this.written++;
	}
}

const monthsBefore = new Map<string, string>();
function monthBefore(month: string): string {
	let before = monthsBefore.get(month);
	if (before === undefined) monthsBefore.set(month, (before = addMonths(month, -1)));
	return before;
}

/** A stored row as `month, …metrics`, in the order of METRICS. */
function figures(found: (string | number | null)[]): Figures {
	const result = {} as Figures;
	for (let i = 0; i < METRICS.length; i++) result[METRICS[i]] = found[i + 1] as number | null;
	return result;
}

/** Below this many rows, index upkeep row by row costs next to nothing. */
const BULK_ROWS = 10_000;

/**
 * Whether a file of `rows` brings more rows than the table holds: then building the secondary
 * indexes once after the load beats keeping them up to date row by row, which for the month-first
 * indexes means random writes all over the file.
 */
export function isBulkLoad(sqlite: SQLite.Database, rows: number): boolean {
	if (rows < BULK_ROWS) return false;
	return rows > (sqlite.prepare('select count(*) from monthly_metric').pluck().get() as number);
}

/**
 * Drops the table's secondary indexes and returns what builds them again. Inside the import's
 * transaction, readers keep their indexes meanwhile and a rollback brings them back.
 */
export function deferIndexes(sqlite: SQLite.Database, table: string): () => void {
	const indexes = sqlite
		.prepare(
			`select name, sql from sqlite_schema where type = 'index' and tbl_name = ? and sql is not null`
		)
		.all(table) as { name: string; sql: string }[];
	for (const { name } of indexes) sqlite.exec(`drop index "${name}"`);
	return () => indexes.forEach(({ sql }) => sqlite.exec(sql));
}
