import { describe, expect, it } from 'vitest';
import { getPriority } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { BACKGROUND_NICE, startWorker } from './thread';
import { priorityWorkerUrl } from './thread.fixture';

const firstMessage = (worker: Worker) =>
	new Promise((resolve, reject) => {
		worker.once('message', resolve);
		worker.once('error', reject);
	});

describe.runIf(process.platform === 'linux')('startWorker', () => {
	it('runs a background job at a lower priority than the thread that started it', async () => {
		const nice = await firstMessage(startWorker(priorityWorkerUrl, null, { background: true }));
		expect(nice).toBe(Math.max(getPriority(), BACKGROUND_NICE));
	});

	it('keeps the priority of the starting thread otherwise', async () => {
		expect(await firstMessage(startWorker(priorityWorkerUrl, null))).toBe(getPriority());
	});
});
