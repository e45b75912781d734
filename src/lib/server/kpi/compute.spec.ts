import { describe, expect, it } from 'vitest';
import { METRICS } from '$lib/server/db/schema';
import { computeKpis, computeMonthlyKpis, flowValue } from './compute';
import type { MetricRow } from './types';

/**
 * Values in METRICS order: followers, posts, impressions, reach, reactions, comments, shares,
 * replies, staff_hours, response_hours; values left out are not reported.
 */
function row(month: string, channel: string, ...values: (number | null)[]): MetricRow {
	return {
		month,
		channel,
		...Object.fromEntries(METRICS.map((m, i) => [m, values[i] ?? null]))
	} as MetricRow;
}

// Two channels, February missing entirely, gaps in single cells; December lies outside the period.
const ROWS: MetricRow[] = [
	row('2025-12', 'facebook', 9999, 999, 999, 999, 999, 999, 999, 999, 999),
	row('2026-01', 'facebook', 100, 10, 1000, 500, 40, 10, 10, 5, 20),
	row('2026-01', 'instagram', 50, 5, 500, 300, 20, null, 5, 2, 10),
	row('2026-03', 'facebook', 120, 10, 1500, 600, 60, 20, 20, 10, null),
	row('2026-03', 'instagram', null, 0, null, 400, 10, 5, 5, 0, 8)
];
const PERIOD = { from: '2026-01', to: '2026-03', channels: null };
const FTE_190 = { fteHoursPerMonth: 190 };

describe('computeKpis', () => {
	const kpis = computeKpis(ROWS, PERIOD, 2000, FTE_190);

	it('averages flows over the months in which any channel reported them', () => {
		expect(kpis.posts).toBe(12.5); // (15 + 10) / 2; February does not count
		expect(kpis.impressions).toBe(1500); // (1500 + 1500) / 2; March Instagram adds nothing
		expect(kpis.reach).toBe(900); // (800 + 1000) / 2
		expect(kpis.interactions).toBe(90); // (60 + 120) / 2; January Instagram lacks comments
		expect(kpis.staff_hours).toBe(19); // (30 + 8) / 2
	});

	it('takes each channel’s latest reported followers and grows only channels with two months', () => {
		expect(kpis.followers).toBe(170); // 120 (Facebook, March) + 50 (Instagram, January)
		expect(kpis.follower_growth_pct).toBe(20); // Facebook only: (120 − 100) / 100
	});

	it('divides sums over the rows where both sides are reported', () => {
		expect(kpis.engagement_rate_pct).toBe(6.4); // 160 / 2500
		expect(kpis.interactions_per_post).toBe(9); // 180 / 20
		expect(kpis.dialog_rate_pct).toBeCloseTo(42.857142857, 8); // 15 / 35
		expect(kpis.hours_per_post).toBeCloseTo(2.533333333, 8); // 38 / 15
		expect(kpis.interactions_per_staff_hour).toBeCloseTo(2.857142857, 8); // 80 / 28
		expect(kpis.reach_per_staff_hour).toBeCloseTo(31.578947368, 8); // 1200 / 38
	});

	it('normalises by eLb and by full-time hours', () => {
		expect(kpis.followers_per_1000_elb).toBe(85); // 170 / 2000 × 1000
		expect(kpis.reach_per_1000_elb).toBe(450);
		expect(kpis.fte).toBe(0.1); // 19 / 190
		expect(kpis.fte_per_10000_elb).toBe(0.5);
		expect(computeKpis(ROWS, PERIOD, 2000, { fteHoursPerMonth: 169 }).fte).toBeCloseTo(
			19 / 169,
			12
		);
	});

	it('computes only the KPIs asked for, with what they build on', () => {
		expect(computeKpis(ROWS, PERIOD, 2000, FTE_190, ['reach_per_1000_elb'])).toEqual({
			reach_per_1000_elb: 450
		});
	});

	it('keeps to the chosen channels', () => {
		const facebook = computeKpis(
			ROWS,
			{ ...PERIOD, channels: new Set(['facebook']) },
			2000,
			FTE_190
		);
		expect(facebook.followers).toBe(120);
		expect(facebook.posts).toBe(10);
		expect(facebook.hours_per_post).toBe(2); // 20 / 10; March has no hours
	});

	it('gives null, never 0, NaN or Infinity, without data or with a zero denominator', () => {
		const none = computeKpis([], PERIOD, 2000, FTE_190);
		expect(Object.values(none).every((v) => v === null)).toBe(true);
		const zero = [
			row('2026-01', 'x', 0, 0, 0, 0, 0, 0, 0, 0, 0),
			row('2026-02', 'x', 10, 0, 0, 0, 0, 0, 0, 0, 0)
		];
		const kpis = computeKpis(zero, PERIOD, 2000, FTE_190);
		expect(kpis.posts).toBe(0);
		expect(kpis.followers).toBe(10);
		expect(kpis.follower_growth_pct).toBeNull(); // from 0 followers
		for (const id of ['engagement_rate_pct', 'interactions_per_post', 'dialog_rate_pct'] as const) {
			expect(kpis[id]).toBeNull();
		}
		expect(kpis.hours_per_post).toBeNull();
		expect(kpis.reach_per_staff_hour).toBeNull();
	});

	it('leaves per-eLb KPIs empty without an eLb', () => {
		const kpis = computeKpis(ROWS, PERIOD, null, FTE_190);
		expect(kpis.followers_per_1000_elb).toBeNull();
		expect(kpis.fte_per_10000_elb).toBeNull();
		expect(kpis.followers).toBe(170);
	});
});

describe('computeMonthlyKpis', () => {
	it('computes each month on its own and leaves empty months null', () => {
		const monthly = computeMonthlyKpis(
			ROWS,
			PERIOD,
			(m) => (m === '2026-03' ? 1000 : 2000),
			FTE_190
		);
		expect([...monthly.keys()]).toEqual(['2026-01', '2026-02', '2026-03']);
		expect(monthly.get('2026-01')?.posts).toBe(15);
		expect(monthly.get('2026-01')?.followers).toBe(150);
		expect(monthly.get('2026-01')?.followers_per_1000_elb).toBe(75);
		expect(monthly.get('2026-01')?.follower_growth_pct).toBeNull(); // needs two months
		expect(Object.values(monthly.get('2026-02') ?? {}).every((v) => v === null)).toBe(true);
		expect(monthly.get('2026-03')?.followers_per_1000_elb).toBe(120); // 120 / 1000 × 1000
	});
});

describe('the Antwortzeit', () => {
	const answer = (month: string, channel: string, hours: number | null) =>
		row(month, channel, 100, 5, 1000, 800, 20, 10, 5, 8, 4, hours);
	// Three channels over three months; Instagram in February and X in January and February
	// report no answer time, and December lies outside the period.
	const ANSWERS = [
		answer('2025-12', 'facebook', 0.1),
		answer('2026-01', 'facebook', 2),
		answer('2026-01', 'instagram', 6.5),
		answer('2026-01', 'x', null),
		answer('2026-02', 'facebook', 3.5),
		answer('2026-02', 'instagram', null),
		answer('2026-03', 'facebook', 1),
		answer('2026-03', 'instagram', 30),
		answer('2026-03', 'x', 4)
	];

	it('is the median of every reported channel month, not of monthly medians nor a mean', () => {
		// 1, 2, 3.5, 4, 6.5, 30 → (3.5 + 4) / 2. Monthly medians 4.25, 3.5, 4 would give 4;
		// the mean would be 7.83.
		expect(computeKpis(ANSWERS, PERIOD, 2000, FTE_190).response_hours).toBe(3.75);
	});

	it('keeps to the chosen channels and is null where no channel month has a value', () => {
		const only = (ids: string[]) => ({ ...PERIOD, channels: new Set(ids) });
		expect(computeKpis(ANSWERS, only(['facebook']), 2000, FTE_190).response_hours).toBe(2);
		expect(computeKpis(ANSWERS, only(['x']), 2000, FTE_190).response_hours).toBe(4);
		expect(computeKpis(ANSWERS, only(['youtube']), 2000, FTE_190).response_hours).toBeNull();
		// ROWS report everything else but no answer time at all.
		expect(computeKpis(ROWS, PERIOD, 2000, FTE_190).response_hours).toBeNull();
	});

	it('takes each month’s median over its channels in a series', () => {
		const monthly = computeMonthlyKpis(ANSWERS, PERIOD, () => 2000, FTE_190, ['response_hours']);
		expect([...monthly.values()].map((k) => k.response_hours)).toEqual([4.25, 3.5, 4]);
	});
});

describe('flowValue', () => {
	it('adds interactions only where all three parts are reported', () => {
		expect(flowValue(ROWS[1], 'interactions')).toBe(60);
		expect(flowValue(ROWS[2], 'interactions')).toBeNull();
		expect(flowValue(ROWS[4], 'impressions')).toBeNull();
	});
});
