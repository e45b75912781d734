/** Runs a native import (several staged exports, one upload) in a worker thread, so that the server's own thread stays free meanwhile. */
import { startWorker } from '$lib/server/thread';
import { UnreadableFile } from '../dialect';
import { DatabaseBusy } from '../in-worker';
import type { NativeOptions, NativeResult } from './native';
import type { ImportProgress } from '../worker';
import type { NativeJob, NativeWorkerMessage } from './worker';

const BUSY_TIMEOUT_MS = 120_000;

/** A file that is no text at all, with its name (the import's `UnreadableFile` has none). */
export class UnreadableNativeFile extends UnreadableFile {
	constructor(
		reason: UnreadableFile['reason'],
		readonly fileName: string
	) {
		super(reason);
	}
}

/**
 * Checks (`dryRun`) or imports the staged files on a connection of the worker's own. Throws
 * `UnreadableNativeFile` and `DatabaseBusy` as the single-file import does.
 */
export async function importNativeInWorker(
	databasePath: string,
	files: NativeJob['files'],
	options: NativeOptions,
	onProgress: (progress: ImportProgress) => void = () => {},
	busyTimeoutMs = BUSY_TIMEOUT_MS
): Promise<NativeResult> {
	const { nativeWorkerUrl } = await import('./worker');
	const job: NativeJob = {
		job: 'benchlearn-native-import',
		databasePath,
		files,
		options,
		busyTimeoutMs
	};
	const worker = startWorker(nativeWorkerUrl, job, { background: true });
	return new Promise<NativeResult>((resolve, reject) => {
		let settled = false;
		const settle = (done: () => void) => {
			settled = true;
			done();
		};
		worker.on('message', (message: NativeWorkerMessage) => {
			if (message.type === 'progress') onProgress(message.progress);
			else if (message.type === 'done') settle(() => resolve(message.result));
			else if (message.type === 'busy') settle(() => reject(new DatabaseBusy()));
			else if (message.type === 'fault')
				settle(() => reject(Object.assign(new Error(message.code), { code: message.code })));
			else settle(() => reject(new UnreadableNativeFile(message.reason, message.file)));
		});
		worker.on('error', (e) => settle(() => reject(e)));
		worker.on('exit', (code) => {
			if (!settled) reject(new Error(`The import worker ended with exit code ${code}.`));
		});
	});
}
