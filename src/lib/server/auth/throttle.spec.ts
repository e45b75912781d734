import { describe, expect, it } from 'vitest';
import { MAX_FAILURES, WINDOW_MS, waitTime } from './throttle';

describe('waitTime', () => {
	const now = 1_000_000_000;

	it('allows a try while there are fewer than the maximum of failures in the window', () => {
		expect(waitTime([], now)).toBe(0);
		expect(waitTime(Array(MAX_FAILURES - 1).fill(now - 1000), now)).toBe(0);
	});

	it('blocks at the maximum until the oldest relevant failure leaves the window', () => {
		const failures = [now - 60_000, now - 50_000, now - 40_000, now - 30_000, now - 20_000];
		expect(waitTime(failures, now)).toBe(WINDOW_MS - 60_000);
	});

	it('forgets failures older than the window', () => {
		const old = Array(MAX_FAILURES).fill(now - WINDOW_MS - 1);
		expect(waitTime(old, now)).toBe(0);
	});
});
