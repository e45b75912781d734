/** The import's own thread: it opens its own connection, runs the pipeline on a staged file and posts progress and the result back. */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { checkpointWal, openDatabase, sqliteOf } from '$lib/server/db';
import { writeFault } from '$lib/server/db/faults';
import { boundResult } from './bounded';
import { fileSource, UnreadableFile } from './dialect';
import { importFile, type IngestOptions, type IngestResult } from './ingest';
import { firstRows } from './sample';

/** This module's own file after bundling, so that the server can start it as a worker. */
export const workerUrl = import.meta.url;

export type ImportOptions = Pick<IngestOptions, 'fileName' | 'userId' | 'scope' | 'dryRun' | 'env'>;

export interface ImportJob {
	job: 'benchlearn-import';
	databasePath: string;
	path: string;
	options: ImportOptions;
	/** How long the worker waits for the write lock. */
	busyTimeoutMs: number;
}

/** How far a job is: rows checked (of an estimate from the bytes read), then rows written. */
export interface ImportProgress {
	phase: 'check' | 'write';
	rows: number;
	totalRows: number;
	/** Of the whole job, from 0 to 1. */
	share: number;
}

export type WorkerMessage =
	| { type: 'progress'; progress: ImportProgress }
	| { type: 'done'; result: IngestResult }
	| { type: 'unreadable'; reason: UnreadableFile['reason'] }
	| { type: 'busy' }
	| { type: 'fault'; code: string };

/**
 * How far a check is: `records` read in `read` of `total` bytes, of about as many records as the
 * bytes promise; `weight` is the check's share of the whole job.
 */
export function checking(records: number, read: number, total: number, weight = 1): ImportProgress {
	return {
		phase: 'check',
		rows: records,
		totalRows: Math.max(records, Math.round((records * total) / Math.max(read, 1))),
		share: (weight * read) / Math.max(total, 1)
	};
}

/** Reading, checking and staging take about this share of an import; the rest is applying. */
const CHECK_SHARE = 0.7;
const REPORT_EVERY_MS = 200;

async function run({ databasePath, path, options, busyTimeoutMs }: ImportJob): Promise<void> {
	const post = (message: WorkerMessage) => parentPort?.postMessage(message);
	let reported = 0;
	const report = (progress: ImportProgress) => {
		const now = Date.now();
		if (now - reported < REPORT_EVERY_MS) return;
		reported = now;
		post({ type: 'progress', progress });
	};
	const db = openDatabase(databasePath);
	sqliteOf(db).pragma(`busy_timeout = ${busyTimeoutMs}`);
	try {
		const result = await importFile(db, fileSource(path), {
			...options,
			onBytesRead: (read, total, records) =>
				report(checking(records, read, total, options.dryRun ? 1 : CHECK_SHARE)),
			// A check compares the rows while it reads them: the bytes read tell how far it is.
			onProgress: (_line, done, total) =>
				!options.dryRun &&
				report({
					phase: 'write',
					rows: done,
					totalRows: total,
					share: CHECK_SHARE + ((1 - CHECK_SHARE) * done) / Math.max(total, 1)
				})
		});
		if (result.uploadId !== null) await checkpointWal(sqliteOf(db));
		// Read here, not on the server's thread: a workbook's first rows need the archive unpacked.
		if (options.dryRun && result.kind)
			result.sample = await firstRows(fileSource(path), result.dialect);
		// A written file is not previewed again: its complete issues are not needed.
		post({ type: 'done', result: boundResult(result, result.uploadId === null ? path : null) });
	} catch (e) {
		if (e instanceof UnreadableFile) post({ type: 'unreadable', reason: e.reason });
		else if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) post({ type: 'busy' });
		// A full or read-only disk: the server tells the user so, from the code alone.
		else if (writeFault(e)) post({ type: 'fault', code: (e as { code: string }).code });
		else throw e;
	} finally {
		await db.destroy();
	}
}

if (!isMainThread && (workerData as ImportJob | undefined)?.job === 'benchlearn-import') {
	void run(workerData as ImportJob);
}
