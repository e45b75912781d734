/** The checks and imports running in workers, by id: how far each is, and where it leads once done. */
import { randomBytes } from 'node:crypto';
import type { ImportProgress } from './worker';

/** Where a finished job sends its user: a page, or a message to show on the upload page. */
export type JobOutcome = { target: string } | { message: string; status?: number };

export interface Job {
	id: string;
	/** Only the person who started a job may follow it. */
	userId: number;
	kind: 'check' | 'commit';
	fileName: string;
	startedAt: number;
	progress: ImportProgress | null;
	outcome: JobOutcome | null;
	finishedAt: number | null;
	/** What the job works on (a staged file's token), so that it runs only once at a time. */
	key: string | null;
}

/** Finished jobs are kept this long, for a browser that comes back to the status page late. */
const KEEP_MS = 60 * 60_000;
const ID = /^[A-Za-z0-9_-]{16}$/;
const jobs = new Map<string, Job>();
const done = new Map<string, Promise<void>>();

export function startJob(
	userId: number,
	kind: Job['kind'],
	fileName: string,
	work: (onProgress: (progress: ImportProgress) => void) => Promise<JobOutcome>,
	key: string | null = null,
	now = Date.now()
): Job {
	for (const [id, job] of jobs) {
		if (job.finishedAt !== null && now - job.finishedAt > KEEP_MS) {
			jobs.delete(id);
			done.delete(id);
		}
	}
	const job: Job = {
		id: randomBytes(12).toString('base64url'),
		userId,
		kind,
		fileName,
		startedAt: now,
		progress: null,
		outcome: null,
		finishedAt: null,
		key
	};
	jobs.set(job.id, job);
	const finish = (outcome: JobOutcome) => {
		job.outcome = outcome;
		job.finishedAt = Date.now();
	};
	done.set(
		job.id,
		work((progress) => (job.progress = progress)).then(finish, (e: unknown) => {
			console.error(e);
			finish({ message: '' });
		})
	);
	return job;
}

export function findJob(id: string | null, userId: number): Job | null {
	if (!id || !ID.test(id)) return null;
	const job = jobs.get(id);
	return job && job.userId === userId ? job : null;
}

/** The job still running on `key`, if any. */
export function runningJob(key: string): Job | null {
	for (const job of jobs.values()) if (job.key === key && job.outcome === null) return job;
	return null;
}

/** Waits up to `ms` for the job to end; small files are done before the browser needs a status page. */
export async function settled(job: Job, ms: number): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
	await Promise.race([done.get(job.id), waited]);
	clearTimeout(timer);
	return job.outcome !== null;
}

/** Seconds left, from the share done so far and the time it took; null until there is a basis. */
export function secondsLeft(job: Job, now = Date.now()): number | null {
	const share = job.progress?.share ?? 0;
	const elapsed = now - job.startedAt;
	if (share < 0.02 || elapsed < 1000) return null;
	return Math.max(1, Math.round(((elapsed / share) * (1 - share)) / 1000));
}
