import { describe, expect, it } from 'vitest';
import { addMonths, isMonth, monthRange } from './months';

describe('months', () => {
	it('adds across year boundaries in both directions', () => {
		expect(addMonths('2025-12', 1)).toBe('2026-01');
		expect(addMonths('2026-01', -1)).toBe('2025-12');
		expect(addMonths('2026-03', -27)).toBe('2023-12');
		expect(addMonths('2024-02', 12)).toBe('2025-02');
	});

	it('lists a range with both ends included', () => {
		expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
		expect(monthRange('2026-02', '2026-01')).toEqual([]);
	});

	it('accepts only YYYY-MM with a real month', () => {
		expect(isMonth('2026-01')).toBe(true);
		expect(isMonth('2026-13')).toBe(false);
		expect(isMonth('2026-1')).toBe(false);
		expect(isMonth('01.2026')).toBe(false);
	});
});
