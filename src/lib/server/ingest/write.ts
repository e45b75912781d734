/** Writes validated metric rows in batches inside the caller's transaction, keeping before-images for undo. */
import { sql, type Kysely } from 'kysely';
import type { Database, Metric } from '$lib/server/db/schema';
import { METRICS } from '$lib/server/db/schema';
import { addMonths } from '$lib/months';
import type { Issue } from './messages';
import { plausibilityWarnings, type Figures } from './plausibility';
import type { MetricsRow } from './validate';

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

type StoredRow = { jobcenter_id: number; channel_id: string; month: string } & Figures;

const EMPTY: Figures = Object.fromEntries(METRICS.map((m) => [m, null])) as Figures;
const SAMPLE_CHANGES = 100;

const keyOf = (jobcenterId: number, channel: string, month: string) =>
	`${jobcenterId}|${channel}|${month}`;

export class MetricsWriter {
	readonly counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
	readonly changes: RowChange[] = [];
	written = 0;

	constructor(
		private readonly trx: Kysely<Database>,
		private readonly uploadId: number,
		/** The metric columns the file has; the others stay as stored. */
		private readonly present: Metric[],
		private readonly column: (metric: Metric) => string,
		private readonly warn: (issue: Issue) => void
	) {}

	/** Classifies a batch against the stored rows and, when `write` is set, writes it. */
	async add(rows: MetricsRow[], write: boolean): Promise<void> {
		if (rows.length === 0) return;
		const stored = await this.fetch(rows);
		const toWrite: { row: MetricsRow; before: Figures | null; after: Figures }[] = [];
		for (const row of rows) {
			const before = stored.get(keyOf(row.jobcenterId, row.channel, row.month)) ?? null;
			const after: Figures = { ...(before ?? EMPTY), ...row.values };
			if (before && this.present.every((m) => before[m] === after[m])) {
				this.counts.unchanged++;
				continue;
			}
			this.counts[before ? 'updated' : 'inserted']++;
			toWrite.push({ row, before, after });
			if (before && this.changes.length < SAMPLE_CHANGES) {
				this.changes.push({ ...keyFields(row), line: row.line, before, after });
			}
			const previous = stored.get(keyOf(row.jobcenterId, row.channel, addMonths(row.month, -1)));
			for (const w of plausibilityWarnings(
				row.line,
				after,
				previous?.followers ?? null,
				this.column
			)) {
				this.warn(w);
			}
		}
		if (write && toWrite.length > 0) await this.write(toWrite);
	}

	/** The stored rows for the batch's keys and for the month before each (for the followers check). */
	private async fetch(rows: MetricsRow[]): Promise<Map<string, Figures>> {
		const keys = rows.flatMap((r) => [
			sql`(${r.jobcenterId}, ${r.channel}, ${r.month})`,
			sql`(${r.jobcenterId}, ${r.channel}, ${addMonths(r.month, -1)})`
		]);
		// SQLite takes a list of row values only as a subquery, hence `values`.
		const found = await this.trx
			.selectFrom('monthly_metric')
			.selectAll()
			.where(sql<boolean>`(jobcenter_id, channel_id, month) in (values ${sql.join(keys)})`)
			.execute();
		return new Map(
			found.map((r: StoredRow) => [keyOf(r.jobcenter_id, r.channel_id, r.month), figures(r)])
		);
	}

	private async write(items: { row: MetricsRow; before: Figures | null; after: Figures }[]) {
		const present = this.present;
		await this.trx
			.insertInto('monthly_metric')
			.values(
				items.map(({ row }) => {
					const stored: Partial<Figures> = {};
					for (const m of present) stored[m] = row.values[m] ?? null;
					return {
						jobcenter_id: row.jobcenterId,
						channel_id: row.channel,
						month: row.month,
						...stored
					};
				})
			)
			.onConflict((oc) =>
				oc
					.columns(['jobcenter_id', 'channel_id', 'month'])
					.doUpdateSet(Object.fromEntries(present.map((m) => [m, sql.ref(`excluded.${m}`)])))
			)
			.execute();
		await this.trx
			.insertInto('upload_metric_change')
			.values(
				items.map(({ row, before, after }) => ({
					upload_id: this.uploadId,
					jobcenter_id: row.jobcenterId,
					channel_id: row.channel,
					month: row.month,
					existed_before: before ? 1 : 0,
					exists_after: 1,
					...images('before', before ?? EMPTY),
					...images('after', after)
				}))
			)
			.execute();
		this.written += items.length;
	}
}

function keyFields(row: MetricsRow) {
	return { jobcenterId: row.jobcenterId, channel: row.channel, month: row.month };
}

function figures(row: Figures): Figures {
	return Object.fromEntries(METRICS.map((m) => [m, row[m]])) as Figures;
}

const COLUMN_NAMES = {
	before: METRICS.map((m) => `before_${m}`),
	after: METRICS.map((m) => `after_${m}`)
};

/** A plain loop: this runs for every written row, and `Object.fromEntries` showed up in profiles. */
function images<S extends 'before' | 'after'>(side: S, values: Figures) {
	const names = COLUMN_NAMES[side];
	const image: Record<string, number | null> = {};
	for (let i = 0; i < METRICS.length; i++) image[names[i]] = values[METRICS[i]];
	return image as { [M in Metric as `${S}_${M}`]: number | null };
}
