/** The thread of one batch of a round's reports: prints every participant's PDF and packs them into one ZIP, posting progress back. */
import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import archiver from 'archiver';
import { printReports, type PdfJob } from './pdf';

/** This module's own file after bundling, so that the server can start it as a worker. */
export const batchWorkerUrl = import.meta.url;

export interface BatchJob {
	job: 'benchlearn-report-batch';
	databasePath: string;
	roundId: number;
	jobs: PdfJob[];
	zipPath: string;
}

export type BatchMessage =
	| { type: 'progress'; done: number }
	| { type: 'done'; bytes: number }
	| { type: 'failed'; reason: string };

function zip(files: string[], target: string): Promise<number> {
	return new Promise((done, fail) => {
		const output = createWriteStream(target);
		const archive = archiver('zip', { zlib: { level: 6 } });
		output.on('close', () => done(archive.pointer()));
		archive.on('error', fail);
		archive.pipe(output);
		for (const file of files) archive.file(file, { name: basename(file) });
		void archive.finalize();
	});
}

async function run({ databasePath, roundId, jobs, zipPath }: BatchJob): Promise<void> {
	const post = (message: BatchMessage) => parentPort?.postMessage(message);
	try {
		await printReports(databasePath, roundId, jobs, (_job, done) =>
			post({ type: 'progress', done })
		);
		post({
			type: 'done',
			bytes: await zip(
				jobs.map((j) => j.file),
				zipPath
			)
		});
	} catch (e) {
		post({ type: 'failed', reason: e instanceof Error ? e.message : String(e) });
	}
}

if (!isMainThread && (workerData as BatchJob | undefined)?.job === 'benchlearn-report-batch') {
	void run(workerData as BatchJob);
}
