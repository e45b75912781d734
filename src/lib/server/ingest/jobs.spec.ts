import { describe, expect, it } from 'vitest';
import { findJob, secondsLeft, settled, startJob } from './jobs';

const progress = (share: number) => ({ phase: 'write' as const, rows: 10, totalRows: 100, share });

describe('jobs', () => {
	it('shows its progress while it runs and its outcome once done, only to whoever started it', async () => {
		let release: () => void = () => {};
		const job = startJob(7, 'commit', 'a.csv', async (onProgress) => {
			onProgress(progress(0.5));
			await new Promise<void>((resolve) => (release = resolve));
			return { target: '/lieferungen?neu=3' };
		});
		expect(findJob(job.id, 7)).toBe(job);
		expect(job.key).toBeNull();
		expect(findJob(job.id, 8)).toBeNull();
		expect(findJob('../etc', 7)).toBeNull();
		expect(await settled(job, 20)).toBe(false);
		expect(job.progress?.share).toBe(0.5);
		release();
		expect(await settled(job, 1000)).toBe(true);
		expect(job.outcome).toEqual({ target: '/lieferungen?neu=3' });
	});

	it('ends a failed job with a message instead of leaving it running', async () => {
		const job = startJob(7, 'check', 'b.csv', async () => {
			throw new Error('worker died');
		});
		expect(await settled(job, 1000)).toBe(true);
		expect(job.outcome).toEqual({ message: '' });
	});

	it('estimates the time left from the share done and the time taken', () => {
		const job = startJob(7, 'check', 'c.csv', () => new Promise(() => {}), null, 0);
		expect(secondsLeft(job, 10_000)).toBeNull();
		job.progress = progress(0.25);
		expect(secondsLeft(job, 10_000)).toBe(30);
	});
});
