import { describe, expect, it } from 'vitest';
import { elbAt } from './types';

describe('elbAt', () => {
	const history = [
		{ validFrom: '2025-01', elb: 900 },
		{ validFrom: '2026-02', elb: 500 }
	];

	it('takes the value valid in the month, and the first value for earlier months', () => {
		expect(elbAt(history, '2026-01')).toBe(900);
		expect(elbAt(history, '2026-02')).toBe(500);
		expect(elbAt(history, '2030-12')).toBe(500);
		expect(elbAt(history, '2020-06')).toBe(900);
		expect(elbAt([], '2026-01')).toBeNull();
	});
});
