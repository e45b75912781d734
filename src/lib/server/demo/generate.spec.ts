import { describe, expect, it } from 'vitest';
import { monthRange } from '$lib/months';
import { CARRIERS, METRICS } from '$lib/server/db/schema';
import { generateDemoData, type DemoMetric } from './generate';

const data = generateDemoData({ until: '2026-10' });

function sum(rows: DemoMetric[], metric: 'comments' | 'replies'): number {
	return rows.reduce((total, row) => total + (row[metric] ?? 0), 0);
}

function rowsByCode(): Map<string, DemoMetric[]> {
	const groups = new Map<string, DemoMetric[]>();
	for (const row of data.metrics) groups.set(row.code, [...(groups.get(row.code) ?? []), row]);
	return groups;
}

describe('generateDemoData', () => {
	it('is deterministic for a seed and differs between seeds', () => {
		expect(generateDemoData({ until: '2026-10' })).toEqual(data);
		expect(generateDemoData({ until: '2026-10', seed: 7 })).toEqual(
			generateDemoData({ until: '2026-10', seed: 7 })
		);
		expect(generateDemoData({ until: '2026-10', seed: 7 }).metrics).not.toEqual(data.metrics);
	});

	it('covers exactly the 24 months ending with until', () => {
		const months = [...new Set(data.metrics.map((row) => row.month))].sort();
		expect(months).toEqual(monthRange('2024-11', '2026-10'));
		const short = generateDemoData({ until: '2026-01', months: 3 });
		expect(new Set(short.metrics.map((row) => row.month))).toEqual(
			new Set(['2025-11', '2025-12', '2026-01'])
		);
	});

	it('produces only plausible figures', () => {
		for (const row of data.metrics) {
			for (const metric of METRICS) {
				const value = row[metric];
				if (value === null) continue;
				expect(value).toBeGreaterThanOrEqual(0);
				if (metric !== 'staff_hours' && metric !== 'response_hours') {
					expect(Number.isInteger(value)).toBe(true);
				}
			}
			const { impressions, reach, reactions, comments, shares, replies } = row;
			if (impressions !== null && reactions !== null && comments !== null && shares !== null) {
				expect(reactions + comments + shares).toBeLessThanOrEqual(impressions);
			}
			if (impressions !== null && reach !== null) expect(reach).toBeLessThanOrEqual(impressions);
			if (comments !== null && replies !== null) expect(replies).toBeLessThanOrEqual(comments + 50);
			if (row.staff_hours !== null) {
				expect(Math.round(row.staff_hours * 10) / 10).toBe(row.staff_hours);
			}
		}
	});

	it('describes a believable set of jobcenters', () => {
		const { jobcenters } = data;
		expect(jobcenters.length).toBeGreaterThanOrEqual(60);
		expect(jobcenters.map((jc) => jc.code)).toEqual(jobcenters.map((jc) => jc.code).sort());
		for (const jc of jobcenters) {
			expect(jc.code).toMatch(/^\d{5}$/);
			expect(jc.elb).toBeGreaterThanOrEqual(3_000);
			expect(jc.elb).toBeLessThanOrEqual(60_000);
		}
		expect(new Set(jobcenters.map((jc) => jc.carrier))).toEqual(new Set(CARRIERS));
		expect(new Set(jobcenters.map((jc) => jc.state)).size).toBeGreaterThanOrEqual(12);
		expect(jobcenters.find((jc) => jc.code === '05754')?.ring).toBeTruthy();
	});

	it('forms 4 to 6 rings of at least 6 members, with a few jobcenters outside', () => {
		const members = new Map<string, number>();
		for (const { ring } of data.jobcenters) {
			if (ring) members.set(ring, (members.get(ring) ?? 0) + 1);
		}
		expect(members.size).toBeGreaterThanOrEqual(4);
		expect(members.size).toBeLessThanOrEqual(6);
		for (const count of members.values()) expect(count).toBeGreaterThanOrEqual(6);
		expect(data.jobcenters.some((jc) => jc.ring === null)).toBe(true);
	});

	it('leaves some cells unreported, but not many', () => {
		// The answer time is optional and often missing on purpose; see its own test below.
		const reported = METRICS.filter((metric) => metric !== 'response_hours');
		const cells = data.metrics.length * reported.length;
		const gaps = data.metrics.reduce(
			(total, row) => total + reported.filter((metric) => row[metric] === null).length,
			0
		);
		expect(gaps).toBeGreaterThan(0);
		expect(gaps / cells).toBeLessThan(0.06);
	});

	it('has jobcenters that answer nearly every comment and some that never answer', () => {
		const groups = [...rowsByCode().values()].filter((rows) => sum(rows, 'comments') > 0);
		const rates = groups.map((rows) => sum(rows, 'replies') / sum(rows, 'comments'));
		expect(Math.max(...rates)).toBeGreaterThanOrEqual(0.9);
		expect(groups.some((rows) => rows.every((row) => !row.replies))).toBe(true);
	});

	it('gives most jobcenters an answer time of 2 to 48 hours, some none and a few under an hour', () => {
		const medians = [...rowsByCode()].map(([code, rows]) => {
			const times = rows.flatMap((row) =>
				row.response_hours === null ? [] : [row.response_hours]
			);
			times.sort((a, b) => a - b);
			return { code, median: times.length ? times[Math.floor(times.length / 2)] : null };
		});
		const known = medians.flatMap(({ median }) => (median === null ? [] : [median]));
		const pioneers = known.filter((median) => median < 1).length;
		expect(pioneers).toBeGreaterThanOrEqual(2);
		expect(pioneers).toBeLessThanOrEqual(6);
		expect(medians.length - known.length).toBeGreaterThanOrEqual(3);
		expect(known.filter((median) => median >= 2 && median <= 48).length).toBeGreaterThan(
			0.8 * (known.length - pioneers)
		);
		expect(medians.find(({ code }) => code === '05754')?.median).not.toBeNull();
		// One decimal, never a value the import would question (above 14 days), and only where
		// the channel answered in the month.
		const odd = data.metrics.filter(
			({ response_hours: hours, replies }) =>
				hours !== null &&
				(Math.round(hours * 10) / 10 !== hours || hours <= 0 || hours > 336 || !replies)
		);
		expect(odd).toEqual([]);
		expect(data.metrics.some((row) => row.response_hours !== null)).toBe(true);
	});

	it('spreads channel adoption from common to rare', () => {
		const adopters = (channel: string) =>
			new Set(data.metrics.filter((row) => row.channel === channel).map((row) => row.code)).size;
		expect(adopters('facebook')).toBeGreaterThan(adopters('tiktok'));
		expect(adopters('tiktok')).toBeGreaterThan(adopters('mastodon'));
		expect(adopters('mastodon')).toBeGreaterThan(0);
	});
});
