/**
 * "Alle Berichte als PDF": one batch per round at a time, run in a worker thread so that the
 * server's own thread stays free, with its progress kept here for the status page and its ZIP in a
 * folder of its own until the batch is an hour old.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { log } from '$lib/server/log';
import { startWorker } from '$lib/server/thread';
import type { BatchJob, BatchMessage } from './batchWorker';
import { participantJobs } from './pdf';

export interface Batch {
	roundId: number;
	userId: number;
	total: number;
	done: number;
	startedAt: number;
	finishedAt: number | null;
	/** The ZIP once every PDF is in it. */
	zip: { path: string; bytes: number } | null;
	/** Why it failed, for the log; the page says it in German. */
	failure: string | null;
	folder: string;
}

/** A finished batch and its ZIP are kept this long. */
const KEEP_MS = 60 * 60_000;
const batches = new Map<number, Batch>();

function sweep(now: number) {
	for (const [roundId, batch] of batches) {
		if (batch.finishedAt !== null && now - batch.finishedAt > KEEP_MS) {
			rmSync(batch.folder, { recursive: true, force: true });
			batches.delete(roundId);
		}
	}
}

/** The round's latest batch, running or finished within the hour. */
export function batchOf(roundId: number, now = Date.now()): Batch | null {
	sweep(now);
	return batches.get(roundId) ?? null;
}

export const isRunning = (batch: Batch | null) => !!batch && batch.finishedAt === null;

/** Starts a batch, or answers with the one that is still running for this round. */
export async function startBatch(
	databasePath: string,
	round: { id: number; name: string; participants: { code: string; name: string }[] },
	userId: number
): Promise<{ started: true; batch: Batch } | { started: false; batch: Batch }> {
	const previous = batchOf(round.id);
	if (previous && isRunning(previous)) return { started: false, batch: previous };
	if (previous) rmSync(previous.folder, { recursive: true, force: true });
	const folder = mkdtempSync(join(tmpdir(), 'benchlearn-berichte-'));
	const pdfs = join(folder, 'pdf');
	mkdirSync(pdfs);
	const jobs = participantJobs(round, pdfs);
	const batch: Batch = {
		roundId: round.id,
		userId,
		total: jobs.length,
		done: 0,
		startedAt: Date.now(),
		finishedAt: null,
		zip: null,
		failure: null,
		folder
	};
	batches.set(round.id, batch);
	const zipPath = join(folder, `runde-${round.id}-berichte.zip`);
	const job: BatchJob = {
		job: 'benchlearn-report-batch',
		databasePath,
		roundId: round.id,
		jobs,
		zipPath
	};
	const finish = (failure: string | null, bytes = 0) => {
		if (batch.finishedAt !== null) return;
		batch.finishedAt = Date.now();
		batch.failure = failure;
		if (failure === null) batch.zip = { path: zipPath, bytes };
		else log.error({ event: 'report_batch', roundId: round.id, failure }, 'report batch failed');
		rmSync(pdfs, { recursive: true, force: true });
	};
	log.info(
		{ event: 'report_batch', roundId: round.id, userId, files: jobs.length },
		'report batch started'
	);
	try {
		const worker = await startBatchWorker(job);
		worker.on('message', (message: BatchMessage) => {
			if (message.type === 'progress') batch.done = message.done;
			else if (message.type === 'done') finish(null, message.bytes);
			else finish(message.reason);
		});
		worker.on('error', (e) => finish(e.message));
		worker.on('exit', (code) => finish(`The report worker ended with exit code ${code}.`));
	} catch (e) {
		finish(e instanceof Error ? e.message : String(e));
	}
	return { started: true, batch };
}

async function startBatchWorker(job: BatchJob): Promise<Worker> {
	// Importing the worker module for its URL only: it starts work only inside a worker.
	const { batchWorkerUrl } = await import('./batchWorker');
	return startWorker(batchWorkerUrl, job, { background: true });
}
