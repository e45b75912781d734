/** Writes the monthly rows of several platform exports as one upload in one transaction, each row setting only the metrics its export maps. */
import { sqliteOf, type DB } from '$lib/server/db';
import type { Metric } from '$lib/server/db/schema';
import type { Issue } from '../messages';
import type { MetricsRow } from '../validate';
import { MetricsWriter, type Counts, type RowChange } from '../write';

export interface NativeUpload {
	userId: number | null;
	fileName: string;
	sha256: string;
	/** What the upload list shows: the files with their formats. */
	dialect: { format: 'native'; files: { name: string; format: string; channel: string | null }[] };
}

export interface NativeWritten extends Counts {
	uploadId: number | null;
	changes: RowChange[];
}

/**
 * Rows are grouped by the metrics they set, one writer per group, so that a stored metric no file
 * maps stays as it is. `upload` null is a dry run: compared only, in a read snapshot.
 */
export function writeNativeRows(
	db: DB,
	rows: MetricsRow[],
	upload: NativeUpload | null,
	column: (metric: Metric) => string,
	warn: (issue: Issue) => void,
	warningCount: () => number
): NativeWritten {
	const sqlite = sqliteOf(db);
	const groups = new Map<string, { present: Metric[]; rows: MetricsRow[] }>();
	for (const row of rows) {
		const present = Object.keys(row.values).sort() as Metric[];
		const key = present.join(',');
		(groups.get(key) ?? groups.set(key, { present, rows: [] }).get(key)!).rows.push(row);
	}
	const run = () => {
		const uploadId = upload
			? (sqlite
					.prepare(
						`insert into upload (user_id, file_name, sha256, kind, dialect)
						values (?, ?, ?, 'metrics', ?) returning id`
					)
					.pluck()
					.get(
						upload.userId,
						upload.fileName,
						upload.sha256,
						JSON.stringify(upload.dialect)
					) as number)
			: 0;
		const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
		const changes: RowChange[] = [];
		const jobcenters = new Set<number>();
		for (const group of groups.values()) {
			// Built after the previous group wrote: its rows are then stored rows for this one.
			const writer = new MetricsWriter(sqlite, uploadId, group.present, column, warn);
			for (const row of group.rows) writer.add(row, upload !== null);
			counts.inserted += writer.counts.inserted;
			counts.updated += writer.counts.updated;
			counts.unchanged += writer.counts.unchanged;
			changes.push(...writer.changes);
			for (const id of writer.jobcenters) jobcenters.add(id);
		}
		if (upload) {
			sqlite
				.prepare(
					`update upload set rows_inserted = ?, rows_updated = ?, rows_unchanged = ?, warnings = ?
					where id = ?`
				)
				.run(counts.inserted, counts.updated, counts.unchanged, warningCount(), uploadId);
			const jobcenter = sqlite.prepare(
				'insert into upload_metric_jobcenter (upload_id, jobcenter_id) values (?, ?)'
			);
			for (const id of jobcenters) jobcenter.run(uploadId, id);
		}
		return { ...counts, uploadId: upload ? uploadId : null, changes };
	};
	const transaction = sqlite.transaction(run);
	return upload ? transaction.immediate() : transaction.deferred();
}
