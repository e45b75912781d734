/** Runs one import, or one undo, in a worker thread, so that the server's own thread stays free for every other request meanwhile. */
import { UnreadableFile } from './dialect';
import type { IngestResult } from './ingest';
import { startWorker } from '$lib/server/thread';
import type { Lang } from './messages';
import type { UndoResult } from './undo';
import type { UndoJob, UndoWorkerMessage } from './undo-worker';
import type { ImportJob, ImportOptions, ImportProgress, WorkerMessage } from './worker';

/**
 * The worker serves no one else, so it may wait for the write lock synchronously, and long: a
 * second upload's commit waits for the first one's to end.
 */
const BUSY_TIMEOUT_MS = 120_000;

/** The write lock stayed taken for longer than the worker waits (another long import). */
export class DatabaseBusy extends Error {}

/**
 * Checks (`dryRun`) or imports the staged file at `path` on a connection of the worker's own.
 * Throws `UnreadableFile` as `importFile` does, and `DatabaseBusy`.
 */
export async function importInWorker(
	databasePath: string,
	path: string,
	options: ImportOptions,
	onProgress: (progress: ImportProgress) => void = () => {},
	busyTimeoutMs = BUSY_TIMEOUT_MS
): Promise<IngestResult> {
	// Importing the worker module for its URL only: it starts work only inside a worker.
	const { workerUrl } = await import('./worker');
	const job: ImportJob = { job: 'benchlearn-import', databasePath, path, options, busyTimeoutMs };
	const worker = startWorker(workerUrl, job, { background: true });
	return new Promise<IngestResult>((resolve, reject) => {
		let settled = false;
		const settle = (done: () => void) => {
			settled = true;
			done();
		};
		worker.on('message', (message: WorkerMessage) => {
			if (message.type === 'progress') onProgress(message.progress);
			else if (message.type === 'done') settle(() => resolve(message.result));
			else if (message.type === 'busy') settle(() => reject(new DatabaseBusy()));
			else if (message.type === 'fault')
				settle(() => reject(Object.assign(new Error(message.code), { code: message.code })));
			else settle(() => reject(new UnreadableFile(message.reason)));
		});
		worker.on('error', (e) => settle(() => reject(e)));
		worker.on('exit', (code) => {
			if (!settled) reject(new Error(`The import worker ended with exit code ${code}.`));
		});
	});
}

/**
 * Undoes one upload on a connection of the worker's own: undoing the national file deletes half a
 * million rows, seconds in which the server's thread would answer no one. Throws `DatabaseBusy`,
 * and an error with the code of a full or read-only disk.
 */
export async function undoInWorker(
	databasePath: string,
	uploadId: number,
	lang: Lang,
	busyTimeoutMs = BUSY_TIMEOUT_MS
): Promise<UndoResult> {
	const { undoWorkerUrl } = await import('./undo-worker');
	const job: UndoJob = { job: 'benchlearn-undo', databasePath, uploadId, lang, busyTimeoutMs };
	const worker = startWorker(undoWorkerUrl, job, { background: true });
	return new Promise<UndoResult>((resolve, reject) => {
		let settled = false;
		worker.on('message', (message: UndoWorkerMessage) => {
			settled = true;
			if (message.type === 'done') resolve(message.result);
			else if (message.type === 'busy') reject(new DatabaseBusy());
			else reject(Object.assign(new Error(message.code), { code: message.code }));
		});
		worker.on('error', (e) => {
			settled = true;
			reject(e);
		});
		worker.on('exit', (code) => {
			if (!settled) reject(new Error(`The undo worker ended with exit code ${code}.`));
		});
	});
}
