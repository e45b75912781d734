import { describe, expect, it } from 'vitest';
import { currentMonth, isFutureMonth, lastCompleteMonth, today } from './clock';

describe('clock', () => {
	it('is pinned by BENCHLEARN_TODAY', () => {
		const env = { BENCHLEARN_TODAY: '2026-03-01' };
		expect(today(env)).toBe('2026-03-01');
		expect(currentMonth(env)).toBe('2026-03');
		expect(lastCompleteMonth(env)).toBe('2026-02');
		expect(isFutureMonth('2026-03', env)).toBe(false);
		expect(isFutureMonth('2026-04', env)).toBe(true);
	});

	it('counts the day in Berlin, not in UTC', () => {
		// 23:30 UTC on 31 December is already New Year in Berlin (UTC+1).
		const now = new Date('2025-12-31T23:30:00Z');
		expect(today({}, now)).toBe('2026-01-01');
		expect(lastCompleteMonth({}, now)).toBe('2025-12');
		// 22:30 UTC on 30 June is 00:30 on 1 July in summer time (UTC+2).
		expect(currentMonth({}, new Date('2026-06-30T22:30:00Z'))).toBe('2026-07');
	});

	it('rejects a malformed override with a clear message', () => {
		expect(() => today({ BENCHLEARN_TODAY: '1.3.2026' })).toThrow(/YYYY-MM-DD/);
	});
});
