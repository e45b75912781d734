/** Starts one of the ingest modules as a worker thread, from TypeScript (tsx) in development and tests or from the bundled file in the built server. */
import { Worker } from 'node:worker_threads';

export function startWorker(moduleUrl: string, workerData: unknown): Worker {
	return moduleUrl.endsWith('.ts')
		? // In development and tests the module is TypeScript: tsx loads it as it loads the CLIs.
			new Worker(
				`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(moduleUrl)}); })`,
				{ eval: true, workerData }
			)
		: new Worker(new URL(moduleUrl), { workerData });
}
