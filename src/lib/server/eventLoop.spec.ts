import { describe, expect, it } from 'vitest';
import { EVENT_LOOP_LINE, watchEventLoop, type EventLoopDelay } from './eventLoop';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchEventLoop', () => {
	it('measures nothing and listens to no signal unless the benchmark asks', () => {
		const before = process.listenerCount('SIGUSR2');
		const lines: string[] = [];
		const stop = watchEventLoop({}, (line) => lines.push(line));
		expect(process.listenerCount('SIGUSR2')).toBe(before);
		process.emit('SIGUSR2', 'SIGUSR2');
		expect(lines).toEqual([]);
		stop();
	});

	it('reports a blocked loop on SIGUSR2 and starts afresh after each report', async () => {
		const lines: string[] = [];
		const stop = watchEventLoop({ BENCHLEARN_EVENT_LOOP: '1' }, (line) => lines.push(line));
		try {
			await pause(50);
			const until = Date.now() + 120;
			while (Date.now() < until); // the stall to be measured
			await pause(50);
			process.emit('SIGUSR2', 'SIGUSR2');
			await pause(50);
			process.emit('SIGUSR2', 'SIGUSR2');
		} finally {
			stop();
		}
		expect(lines).toHaveLength(2);
		expect(lines.every((line) => line.startsWith(EVENT_LOOP_LINE))).toBe(true);
		const [blocked, calm] = lines.map(
			(line) => JSON.parse(line.slice(EVENT_LOOP_LINE.length)) as EventLoopDelay
		);
		expect(blocked.max).toBeGreaterThanOrEqual(110);
		expect(blocked.samples).toBeGreaterThan(0);
		expect(calm.max).toBeLessThan(blocked.max);
	});
});
