import { afterEach, describe, expect, it } from 'vitest';
import { overwriteGetLocale, getLocale } from '$lib/paraglide/runtime';
import { formatDuration, formatMonth, formatNumber } from './format';

const original = getLocale;

describe('format', () => {
	afterEach(() => overwriteGetLocale(original));

	it('writes German numbers and months by default', () => {
		overwriteGetLocale(() => 'de');
		expect(formatNumber(1234.5, 1)).toBe('1.234,5');
		expect(formatNumber(1234567)).toBe('1.234.567');
		expect(formatMonth('2026-01')).toBe('Jan. 2026');
		expect(formatMonth('2026-03', 'long')).toBe('März 2026');
	});

	it('writes English when the reader chose English', () => {
		overwriteGetLocale(() => 'en');
		expect(formatNumber(1234.5, 1)).toBe('1,234.5');
		expect(formatMonth('2026-01', 'long')).toBe('January 2026');
	});

	it('writes a wait in hours, and in days from 48 hours on, in either language', () => {
		overwriteGetLocale(() => 'de');
		expect(formatDuration(2.5)).toBe('2,5 Std.');
		expect(formatDuration(0.4)).toBe('0,4 Std.');
		expect(formatDuration(47.9)).toBe('47,9 Std.');
		expect(formatDuration(48)).toBe('2 Tage');
		expect(formatDuration(72)).toBe('3 Tage');
		expect(formatDuration(60)).toBe('2,5 Tage');
		expect(formatDuration(72, true)).toBe('3 Tagen');
		expect(formatDuration(2.5, true)).toBe('2,5 Std.');
		overwriteGetLocale(() => 'en');
		expect(formatDuration(2.5)).toBe('2.5 hrs');
		expect(formatDuration(72)).toBe('3 days');
		expect(formatDuration(72, true)).toBe('3 days');
	});
});
