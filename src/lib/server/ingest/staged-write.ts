/**
 * The write stage of a metrics file in two steps, so that SQLite's write lock is held only briefly:
 * stage (while the file is still read, each batch of rows is compared with the stored rows in one
 * read snapshot and put into a scratch table of a private temporary database), then apply (one
 * short transaction copies the scratch rows into `monthly_metric` and the undo table with
 * `insert … select`, after checking that the stored rows compared are still as they were).
 */
import type SQLite from 'better-sqlite3';
import { METRICS, type Metric } from '$lib/server/db/schema';
import type { Issue } from './messages';
import type { MetricRows } from './metric-rows';
import type { Figures } from './plausibility';
import type { MetricsRow } from './validate';
import { deferIndexes, isBulkLoad, MetricsWriter } from './write';
import {
	finishUpload,
	insertUpload,
	type UploadRecord,
	type WriteHooks,
	type Written
} from './write-stage';

/** The stored rows compared changed before the apply step got the lock: compare again. */
export class StaleStage extends Error {
	constructor() {
		super('The stored rows changed while the file was staged.');
	}
}

const KEY = ['jobcenter_id', 'channel_id', 'month'];
const BEFORE = METRICS.map((m) => `before_${m}`);
/** Rows per apply statement: the progress and the crash seam hear of each chunk. */
const APPLY_CHUNK = 5000;
/** How often a dry run tells how far it has compared, as the one-transaction write did. */
const PROGRESS_EVERY = 500;
const marks = (n: number) => Array(n).fill('?').join(', ');

/**
 * Inserted rows per statement into the scratch table: one statement per row cost the staging
 * thread about twice as much.
 */
const STAGE_ROWS = 32;

type Statement = 'pendingInsert' | 'pendingInserts' | 'pendingUpdate' | 'seenRow' | 'seenBefore';

/** A `MetricsWriter` whose writes go to the scratch table, and which remembers what it read. */
class StagingWriter extends MetricsWriter {
	constructor(
		sqlite: SQLite.Database,
		present: Metric[],
		column: (metric: Metric) => string,
		warn: (issue: Issue) => void,
		private readonly statements: Record<Statement, SQLite.Statement>
	) {
		super(sqlite, 0, present, column, warn);
	}

	/** The file's jobcenters that had no stored rows: they must still have none when applied. */
	freshInFile(): number[] {
		return [...this.jobcenters].filter((id) => this.fresh.has(id));
	}

	protected override lookup(row: MetricsRow) {
		const found = super.lookup(row);
		const { jobcenterId, channel, month } = row;
		const before = found.before;
		const values = METRICS.map((m) => (before ? before[m] : null));
		this.statements.seenRow.run(
			jobcenterId,
			channel,
			month,
			before ? 1 : 0,
			...values,
			found.beforeUploadId
		);
		this.statements.seenBefore.run(jobcenterId, channel, monthBefore(row), found.previousFollowers);
		return found;
	}

	protected override write(row: MetricsRow, before: Figures | null, beforeUploadId: number | null) {
		const values: (string | number | null)[] = [row.line, row.jobcenterId, row.channel, row.month];
		for (const m of this.present) values.push(row.values[m] ?? null);
		if (before) {
			// An updated row keeps its before-image for undo; an inserted one needs none.
			for (const m of METRICS) values.push(before[m]);
			values.push(beforeUploadId);
			this.flush();
			this.statements.pendingUpdate.run(values);
		} else {
			for (const v of values) this.queued.push(v);
			if (++this.queuedRows === STAGE_ROWS) this.flush();
		}
		this.jobcenters.add(row.jobcenterId);
		this.written++;
	}

	/** Inserted rows waiting for a statement of `STAGE_ROWS`: in the scratch table in file order. */
	private queued: (string | number | null)[] = [];
	private queuedRows = 0;

	/** Stages the inserted rows still queued. */
	flush(): void {
		const { queued, queuedRows } = this;
		if (queuedRows === STAGE_ROWS) this.statements.pendingInserts.run(queued);
		else {
			const width = queued.length / queuedRows;
			for (let at = 0; at < queued.length; at += width) {
				this.statements.pendingInsert.run(queued.slice(at, at + width));
			}
		}
		this.queued = [];
		this.queuedRows = 0;
	}
}

function monthBefore(row: MetricsRow): string {
	const [year, month] = row.month.split('-').map(Number);
	const before = year * 12 + month - 2;
	return `${Math.floor(before / 12)}-${String((before % 12) + 1).padStart(2, '0')}`;
}

export class StagedMetrics {
	/** The plausibility warnings, handed to the file's log once the rows are applied. */
	readonly warnings: Issue[] = [];
	private readonly writer: StagingWriter;
	private readonly present: Metric[];
	private rowsCompared = 0;

	/** `stage` unset (a dry run): the rows are only compared. */
	constructor(
		private readonly sqlite: SQLite.Database,
		present: Metric[],
		column: (metric: Metric) => string,
		private readonly stage: boolean
	) {
		this.present = present;
		sqlite.exec(`attach database '' as scratch`);
		sqlite.exec(`pragma scratch.journal_mode = off; pragma scratch.synchronous = off;
			pragma scratch.cache_size = -16000;
			create table scratch.pending (seq integer primary key, line, ${KEY.join(', ')},
				${present.join(', ')}${present.length ? ',' : ''} existed, ${BEFORE.join(', ')}, before_upload_id);
			create table scratch.seen_row (${KEY.join(', ')}, found, ${METRICS.join(', ')}, upload_id);
			create table scratch.seen_before (${KEY.join(', ')}, followers);`);
		const newColumns = ['line', ...KEY, ...present];
		const changedColumns = [...newColumns, ...BEFORE, 'before_upload_id'];
		const into = (columns: string[], existed: number, rows = 1) =>
			sqlite.prepare(
				`insert into scratch.pending (${columns.join(', ')}, existed)
				values ${Array(rows)
					.fill(`(${marks(columns.length)}, ${existed})`)
					.join(', ')}`
			);
		const statements = {
			pendingInsert: into(newColumns, 0),
			pendingInserts: into(newColumns, 0, STAGE_ROWS),
			pendingUpdate: into(changedColumns, 1),
			seenRow: sqlite.prepare(
				`insert into scratch.seen_row values (${marks(KEY.length + METRICS.length + 2)})`
			),
			seenBefore: sqlite.prepare(
				`insert into scratch.seen_before values (${marks(KEY.length + 1)})`
			)
		};
		// One snapshot for every comparison, as one transaction once compared the whole file.
		sqlite.exec('begin');
		this.writer = new StagingWriter(
			sqlite,
			present,
			column,
			(w) => this.warnings.push(w),
			statements
		);
	}

	get counts() {
		return this.writer.counts;
	}

	/**
	 * Compares a batch of rows with the stored ones and, unless a dry run, stages them. A dry run
	 * tells `onProgress` of the rows compared so far, as its only work on the database.
	 */
	add(rows: MetricRows, onProgress?: WriteHooks['onProgress']): void {
		for (let i = 0; i < rows.length; i++) {
			const row = rows.at(i);
			this.writer.add(row, this.stage);
			const done = ++this.rowsCompared;
			if (!this.stage && done % PROGRESS_EVERY === 0) onProgress?.(row.line, done, done);
		}
	}

	/** The result of a dry run or of a file with errors: compared, nothing written. */
	compared(): Written {
		this.endSnapshot();
		return {
			...this.writer.counts,
			uploadId: null,
			changes: this.writer.changes,
			registerChanges: []
		};
	}

	/**
	 * The apply step: the staged rows into the real tables in one short immediate transaction.
	 * Throws `StaleStage` when a stored row compared changed meanwhile; then nothing was written.
	 */
	apply(upload: UploadRecord, hooks: WriteHooks): Written {
		this.endSnapshot();
		const { sqlite, writer } = this;
		const total = writer.written;
		const run = () => {
			this.checkUnchanged();
			const uploadId = insertUpload(sqlite, upload);
			const rebuildIndexes = isBulkLoad(sqlite, total)
				? deferIndexes(sqlite, 'monthly_metric')
				: null;
			const present = this.present;
			const update = [...present, 'upload_id'].map((c) => `${c} = excluded.${c}`).join(', ');
			const rows = sqlite.prepare(
				`insert into main.monthly_metric (${[...KEY, ...present, 'upload_id'].join(', ')})
				select ${[...KEY, ...present].join(', ')}, ? from scratch.pending where seq between ? and ?
				on conflict (${KEY.join(', ')}) do update set ${update}`
			);
			const images = sqlite.prepare(
				`insert into main.upload_metric_change (upload_id, ${KEY.join(', ')}, existed_before,
					exists_after, ${BEFORE.join(', ')}, before_upload_id)
				select ?, ${KEY.join(', ')}, 1, 1, ${BEFORE.join(', ')}, before_upload_id
				from scratch.pending where existed = 1 and seq between ? and ?`
			);
			const lineAt = sqlite.prepare('select line from scratch.pending where seq = ?').pluck();
			for (let from = 1; from <= total; from += APPLY_CHUNK) {
				const to = Math.min(total, from + APPLY_CHUNK - 1);
				rows.run(uploadId, from, to);
				images.run(uploadId, from, to);
				if (hooks.onRowWritten) for (let n = from; n <= to; n++) hooks.onRowWritten(n);
				hooks.onProgress?.(lineAt.get(to) as number, to, total);
			}
			rebuildIndexes?.();
			finishUpload(sqlite, uploadId, writer.counts, hooks.warningCount());
			const jobcenter = sqlite.prepare(
				'insert into upload_metric_jobcenter (upload_id, jobcenter_id) values (?, ?)'
			);
			for (const id of writer.jobcenters) jobcenter.run(uploadId, id);
			return uploadId;
		};
		const uploadId = sqlite.transaction(run).immediate();
		return { ...writer.counts, uploadId, changes: writer.changes, registerChanges: [] };
	}

	/** Ends the comparing snapshot (and commits the scratch rows) and the scratch database. */
	dispose(): void {
		if (this.sqlite.inTransaction) this.sqlite.exec('rollback');
		this.sqlite.exec('detach database scratch');
	}

	private endSnapshot(): void {
		this.writer.flush();
		if (this.sqlite.inTransaction) this.sqlite.exec('commit');
	}

	/** Every stored row the comparison read, found or missing, is still so. */
	private checkUnchanged(): void {
		const { sqlite } = this;
		const on = KEY.map((k) => `m.${k} = s.${k}`).join(' and ');
		const differs = [...METRICS, 'upload_id'].map((c) => `m.${c} is not s.${c}`).join(' or ');
		const changed = sqlite
			.prepare(
				`select exists (select 1 from scratch.seen_row s left join main.monthly_metric m on ${on}
					where (m.month is not null) <> s.found or (s.found and (${differs})))
				or exists (select 1 from scratch.seen_before s left join main.monthly_metric m on ${on}
					where m.followers is not s.followers)`
			)
			.pluck()
			.get();
		const stored = sqlite.prepare(
			'select 1 from main.monthly_metric where jobcenter_id = ? limit 1'
		);
		if (changed || this.writer.freshInFile().some((id) => stored.get(id) !== undefined)) {
			throw new StaleStage();
		}
	}
}
