/** Starts a module as a worker thread, from TypeScript (tsx) in development and tests or from the bundled file in the built server, optionally at a lower CPU priority than the server's own thread. */
import { Worker } from 'node:worker_threads';

/**
 * The nice value of a background thread, at least. On Linux the nice value belongs to each thread, and
 * threads and processes started from it inherit it (the validate thread of an import, the Chromium
 * of a PDF batch). With both cores busy, the server's thread then still gets about nine tenths of
 * one, so pages and sign-ins keep answering while a long job runs; on an idle machine it costs
 * the job nothing. libuv's thread pool is started by the server's thread at its first sign-in or
 * upload, long before any job, so it keeps the normal priority.
 */
export const BACKGROUND_NICE = 10;

export interface WorkerOptions {
	/** Lower the new thread's priority before its module loads: for long jobs of the server. */
	background?: boolean;
}

export function startWorker(
	moduleUrl: string,
	workerData: unknown,
	{ background = false }: WorkerOptions = {}
): Worker {
	const url = JSON.stringify(moduleUrl);
	// In development and tests the module is TypeScript: tsx loads it as it loads the CLIs.
	const load = moduleUrl.endsWith('.ts')
		? `import('tsx/esm/api').then(({ register }) => { register(); return import(${url}); })`
		: `import(${url})`;
	// Where the system refuses (not Linux, say), the job runs at the normal priority.
	const lower = background
		? `try { const os = require('node:os'); os.setPriority(Math.max(os.getPriority(), ${BACKGROUND_NICE})); } catch {}\n`
		: '';
	return new Worker(lower + load, { eval: true, workerData });
}
