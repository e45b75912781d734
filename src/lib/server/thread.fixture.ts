/** A worker for `thread.spec.ts`: tells the nice value of its own thread. */
import { getPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';

export const priorityWorkerUrl = import.meta.url;

parentPort?.postMessage(getPriority());
