/** The thread an undo runs in: it opens its own connection, undoes one upload and posts the result back. */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { checkpointWal, openDatabase, sqliteOf } from '$lib/server/db';
import { writeFault } from '$lib/server/db/faults';
import type { Lang } from './messages';
import { undoUpload, type UndoResult } from './undo';

/** This module's own file after bundling, so that the server can start it as a worker. */
export const undoWorkerUrl = import.meta.url;

export interface UndoJob {
	job: 'benchlearn-undo';
	databasePath: string;
	uploadId: number;
	lang: Lang;
	busyTimeoutMs: number;
}

export type UndoWorkerMessage =
	{ type: 'done'; result: UndoResult } | { type: 'busy' } | { type: 'fault'; code: string };

async function run({ databasePath, uploadId, lang, busyTimeoutMs }: UndoJob): Promise<void> {
	const post = (message: UndoWorkerMessage) => parentPort?.postMessage(message);
	const db = openDatabase(databasePath);
	sqliteOf(db).pragma(`busy_timeout = ${busyTimeoutMs}`);
	try {
		const result = await undoUpload(db, uploadId, lang);
		if (result.ok) await checkpointWal(sqliteOf(db));
		post({ type: 'done', result });
	} catch (e) {
		const fault = writeFault(e);
		if (fault === 'busy') post({ type: 'busy' });
		else if (fault) post({ type: 'fault', code: (e as { code: string }).code });
		else throw e;
	} finally {
		await db.destroy();
	}
}

if (!isMainThread && (workerData as UndoJob | undefined)?.job === 'benchlearn-undo') {
	void run(workerData as UndoJob);
}
