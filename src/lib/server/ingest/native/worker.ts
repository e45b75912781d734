/** The thread of a native import: its own connection, the staged files through `importNativeFiles`, the result posted back. */
import type { ChannelId } from '$lib/channels';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { openDatabase, sqliteOf } from '$lib/server/db';
import { writeFault } from '$lib/server/db/faults';
import { fileSource, UnreadableFile } from '../dialect';
import { importNativeFiles, type NativeOptions, type NativeResult } from './native';

/** This module's own file after bundling, so that the server can start it as a worker. */
export const nativeWorkerUrl = import.meta.url;

export interface NativeJob {
	job: 'benchlearn-native-import';
	databasePath: string;
	/** The staged files with the names the user gave them (Meta and X write the period there). */
	files: { path: string; name: string; channel?: ChannelId | null }[];
	options: NativeOptions;
	busyTimeoutMs: number;
}

export type NativeWorkerMessage =
	| { type: 'done'; result: NativeResult }
	| { type: 'unreadable'; reason: UnreadableFile['reason']; file: string }
	| { type: 'busy' }
	| { type: 'fault'; code: string };

async function run({ databasePath, files, options, busyTimeoutMs }: NativeJob): Promise<void> {
	const post = (message: NativeWorkerMessage) => parentPort?.postMessage(message);
	const db = openDatabase(databasePath);
	sqliteOf(db).pragma(`busy_timeout = ${busyTimeoutMs}`);
	let current = '';
	try {
		const sources = files.map((f) => ({
			name: f.name,
			channel: f.channel,
			source: () => {
				current = f.name;
				return fileSource(f.path)();
			}
		}));
		post({ type: 'done', result: await importNativeFiles(db, sources, options) });
	} catch (e) {
		if (e instanceof UnreadableFile) post({ type: 'unreadable', reason: e.reason, file: current });
		else if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) post({ type: 'busy' });
		else if (writeFault(e)) post({ type: 'fault', code: (e as { code: string }).code });
		else throw e;
	} finally {
		await db.destroy();
	}
}

if (!isMainThread && (workerData as NativeJob | undefined)?.job === 'benchlearn-native-import') {
	void run(workerData as NativeJob);
}
