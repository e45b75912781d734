/** The write stage: a file's validated rows into the database in one short transaction, or only compared with the stored rows for a dry run. */
import type SQLite from 'better-sqlite3';
import { sqliteOf, type DB } from '$lib/server/db';
import type { Metric } from '$lib/server/db/schema';
import type { FileDialect } from './dialect';
import type { Kind } from './headers';
import type { Issue } from './messages';
import type { MetricRows } from './metric-rows';
import { writeRegister, type RegisterChange } from './register';
import type { RegisterRow } from './validate';
import { deferIndexes, isBulkLoad, MetricsWriter, type Counts, type RowChange } from './write';

/** What the upload row records; null for a dry run or a file with errors, which write nothing. */
export interface UploadRecord {
	userId: number | null;
	fileName: string;
	sha256: string;
	kind: Kind;
	dialect: FileDialect;
}

export interface WriteHooks {
	/** The warnings of the whole file, once the last row has added its own. */
	warningCount: () => number;
	/** The line reached, every few hundred rows, with the rows done and the rows to do. */
	onProgress?: (line: number, done: number, total: number) => void;
	/** After each written row, with the count so far: the seam through which tests crash an import. */
	onRowWritten?: (written: number) => void;
}

export interface Written extends Counts {
	uploadId: number | null;
	changes: RowChange[];
	registerChanges: RegisterChange[];
}

/** How often the progress callback hears of the line reached. */
const PROGRESS_EVERY = 500;

export function writeMetrics(
	db: DB,
	rows: MetricRows,
	upload: UploadRecord | null,
	column: (metric: Metric) => string,
	warn: (issue: Issue) => void,
	hooks: WriteHooks
): Written {
	const sqlite = sqliteOf(db);
	const run = () => {
		const uploadId = upload ? insertUpload(sqlite, upload) : 0;
		const rebuildIndexes =
			upload && isBulkLoad(sqlite, rows.length) ? deferIndexes(sqlite, 'monthly_metric') : null;
		const writer = new MetricsWriter(sqlite, uploadId, rows.present, column, warn);
		for (let i = 0; i < rows.length; i++) {
			const row = rows.at(i);
			writer.add(row, upload !== null);
			if (upload) hooks.onRowWritten?.(writer.written);
			if ((i + 1) % PROGRESS_EVERY === 0) hooks.onProgress?.(row.line, i + 1, rows.length);
		}
		rebuildIndexes?.();
		if (upload) {
			finishUpload(sqlite, uploadId, writer.counts, hooks.warningCount());
			const jobcenter = sqlite.prepare(
				'insert into upload_metric_jobcenter (upload_id, jobcenter_id) values (?, ?)'
			);
			for (const id of writer.jobcenters) jobcenter.run(uploadId, id);
		}
		return { ...writer.counts, uploadId: upload ? uploadId : null, changes: writer.changes };
	};
	// A dry run only reads, in one snapshot: it holds no write lock, so others can write meanwhile.
	const transaction = sqlite.transaction(run);
	const written = upload ? transaction.immediate() : transaction.deferred();
	return { ...written, registerChanges: [] };
}

export async function writeRegisterFile(
	db: DB,
	rows: RegisterRow[],
	upload: UploadRecord | null,
	hooks: WriteHooks
): Promise<Written> {
	return db.transaction().execute(async (trx) => {
		const uploadId = upload
			? (
					await trx
						.insertInto('upload')
						.values({ ...uploadColumns(upload), dialect: JSON.stringify(upload.dialect) })
						.returning('id')
						.executeTakeFirstOrThrow()
				).id
			: 0;
		const { counts, changes } = await writeRegister(trx, uploadId, rows, upload !== null);
		if (upload) {
			await trx
				.updateTable('upload')
				.set({
					rows_inserted: counts.inserted,
					rows_updated: counts.updated,
					rows_unchanged: counts.unchanged,
					warnings: hooks.warningCount()
				})
				.where('id', '=', uploadId)
				.execute();
		}
		return { ...counts, uploadId: upload ? uploadId : null, changes: [], registerChanges: changes };
	});
}

function uploadColumns(upload: UploadRecord) {
	return {
		user_id: upload.userId,
		file_name: upload.fileName,
		sha256: upload.sha256,
		kind: upload.kind
	};
}

export function insertUpload(sqlite: SQLite.Database, upload: UploadRecord): number {
	const columns = { ...uploadColumns(upload), dialect: JSON.stringify(upload.dialect) };
	return sqlite
		.prepare(
			`insert into upload (user_id, file_name, sha256, kind, dialect)
			values (@user_id, @file_name, @sha256, @kind, @dialect) returning id`
		)
		.pluck()
		.get(columns) as number;
}

export function finishUpload(
	sqlite: SQLite.Database,
	id: number,
	counts: Counts,
	warnings: number
) {
	sqlite
		.prepare(
			`update upload set rows_inserted = ?, rows_updated = ?, rows_unchanged = ?, warnings = ?
			where id = ?`
		)
		.run(counts.inserted, counts.updated, counts.unchanged, warnings, id);
}
