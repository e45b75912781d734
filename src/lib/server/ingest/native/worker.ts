/** The thread of a native import: its own connection, the staged files through `importNativeFiles`, the result posted back. */
import type { ChannelId } from '$lib/channels';
import { statSync } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { openDatabase, sqliteOf } from '$lib/server/db';
import { writeFault } from '$lib/server/db/faults';
import { fileSource, UnreadableFile } from '../dialect';
import { checking, type ImportProgress } from '../worker';
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
	| { type: 'progress'; progress: ImportProgress }
	| { type: 'done'; result: NativeResult }
	| { type: 'unreadable'; reason: UnreadableFile['reason']; file: string }
	| { type: 'busy' }
	| { type: 'fault'; code: string };

const REPORT_EVERY_MS = 200;
const LINE_FEED = 0x0a;

/**
 * The files' bytes, counted for the status page: lines read of about as many as the bytes read
 * promise. The exports are read whole before anything is written, and writing their few thousand
 * rows takes no time worth showing.
 */
function counting(files: NativeJob['files'], post: (message: NativeWorkerMessage) => void) {
	const total = files.reduce((n, f) => n + statSync(f.path).size, 0);
	// A file is read more than once (sniffed, then read): each counts its furthest pass.
	const bytes = files.map(() => 0);
	const lines = files.map(() => 0);
	let reported = 0;
	const report = (force: boolean) => {
		const now = Date.now();
		if (!force && now - reported < REPORT_EVERY_MS) return;
		reported = now;
		const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
		post({ type: 'progress', progress: checking(sum(lines), sum(bytes), total) });
	};
	return async function* read(i: number) {
		let passBytes = 0;
		let passLines = 0;
		for await (const chunk of fileSource(files[i].path)()) {
			passBytes += chunk.length;
			for (let at = chunk.indexOf(LINE_FEED); at !== -1; at = chunk.indexOf(LINE_FEED, at + 1)) {
				passLines++;
			}
			bytes[i] = Math.max(bytes[i], passBytes);
			lines[i] = Math.max(lines[i], passLines);
			report(false);
			yield chunk;
		}
		report(true);
	};
}

async function run({ databasePath, files, options, busyTimeoutMs }: NativeJob): Promise<void> {
	const post = (message: NativeWorkerMessage) => parentPort?.postMessage(message);
	const db = openDatabase(databasePath);
	sqliteOf(db).pragma(`busy_timeout = ${busyTimeoutMs}`);
	let current = '';
	try {
		const read = counting(files, post);
		const sources = files.map((f, i) => ({
			name: f.name,
			channel: f.channel,
			source: () => {
				current = f.name;
				return read(i);
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
