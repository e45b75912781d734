import { beforeEach, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { formatChange, formatKpi } from './kpi-format';

describe('formatKpi', () => {
	beforeEach(() => overwriteGetLocale(() => 'de'));

	it('gives each unit its decimals and the percent sign with a space', () => {
		expect(formatKpi(12345.6, 'count')).toBe('12.346');
		expect(formatKpi(12.345, 'per_1000_elb')).toBe('12,3');
		expect(formatKpi(3.25, 'pct')).toBe('3,3 %');
		expect(formatKpi(0.4567, 'fte')).toBe('0,46');
		// Hours of work stay a plain number; an answer time carries its own unit, in days from 48 h.
		expect(formatKpi(120, 'hours')).toBe('120,0');
		expect(formatKpi(2.46, 'duration_hours')).toBe('2,5 Std.');
		expect(formatKpi(84, 'duration_hours')).toBe('3,5 Tage');
	});

	it('signs changes, with a real minus', () => {
		expect(formatChange(12.34)).toBe('+12,3 %');
		expect(formatChange(-4)).toBe('−4,0 %');
		expect(formatChange(0)).toBe('±0,0 %');
	});
});
