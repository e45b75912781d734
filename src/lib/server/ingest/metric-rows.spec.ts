import { describe, expect, it } from 'vitest';
import { MetricRows } from './metric-rows';
import type { MetricsRow } from './validate';

const row = (line: number, values: MetricsRow['values']): MetricsRow => ({
	line,
	jobcenterId: 7,
	channel: 'whatsapp',
	month: '2026-10',
	values
});

describe('MetricRows', () => {
	it('gives back every row as it was pushed, empty cells as null, beyond its first capacity', () => {
		const rows = new MetricRows(['staff_hours', 'followers'], 2);
		const pushed = [
			row(2, { staff_hours: 12.5, followers: 1234 }),
			row(3, { staff_hours: null, followers: 0 }),
			{ ...row(5, { staff_hours: 0.25, followers: null }), channel: 'facebook', month: '2010-01' }
		] as MetricsRow[];
		for (const r of pushed) rows.push(r);
		expect(rows.length).toBe(3);
		expect([...rows]).toEqual(pushed);
		expect(rows.at(1)).toEqual(pushed[1]);
	});

	it('keeps only the metrics the file has', () => {
		const rows = new MetricRows(['posts']);
		rows.push(row(2, { posts: 3 }));
		expect(rows.at(0).values).toEqual({ posts: 3 });
	});
});
