import { describe, expect, it } from 'vitest';
import { KPIS } from './catalogue';
import type { KpiComparison } from './engine';
import {
	audienceOf,
	comparableKpis,
	groupSize,
	mapAxes,
	peerPosition,
	shownKpi,
	tableCell
} from './present';
import { isNormalised } from './visibility';

const peer = { n: 6, median: 10, p25: 5, p75: 15, min: 1, max: 40, mean: 12 };
const kpi = (over: Partial<KpiComparison> = {}): KpiComparison => ({
	id: 'engagement_rate_pct',
	area: 'resonance',
	unit: 'pct',
	better: 'higher',
	value: 12,
	n: 6,
	suppressed: false,
	peer,
	percentile: 58.3,
	quartile: 3,
	deviationFromMedianPct: 20,
	...over
});
const followers = (over: Partial<KpiComparison> = {}) =>
	kpi({ id: 'followers', area: 'reach', unit: 'count', ...over });
const few = { suppressed: true, peer: null, percentile: null, quartile: null, n: 2 };

describe('shownKpi', () => {
	it('gives analysts everything, min and max included', () => {
		expect(shownKpi(followers(), audienceOf('analyst'))).toMatchObject({ peer, hidden: false });
		expect(audienceOf('admin')).toBe('analyst');
	});

	it("gives a jobcenter user its own value, the peers' figures only of normalised KPIs, never min or max", () => {
		const normalised = shownKpi(kpi(), audienceOf('jobcenter'));
		expect(normalised.peer).toEqual({ n: 6, median: 10, p25: 5, p75: 15, mean: 12 });
		const raw = shownKpi(followers(), 'jobcenter');
		expect(raw).toMatchObject({ value: 12, peer: null, quartile: null, hidden: true });
	});

	it('gives one reason only: a hidden KPI is not also suppressed', () => {
		expect(shownKpi(followers(few), 'jobcenter')).toMatchObject({
			hidden: true,
			suppressed: false
		});
		expect(shownKpi(kpi(few), 'jobcenter')).toMatchObject({ hidden: false, suppressed: true });
		expect(shownKpi(followers(few), 'analyst')).toMatchObject({ hidden: false, suppressed: true });
	});

	it("shows a handout's values only where every participant may see the peers' figures", () => {
		expect(shownKpi(kpi(), 'handout')).toMatchObject({ value: 12, quartile: 3 });
		expect(shownKpi(followers(), 'handout').value).toBeNull();
		expect(shownKpi(kpi(few), 'handout').value).toBeNull();
	});
});

describe('the figures of a card and of a file', () => {
	it('flattens the peer position the card draws', () => {
		expect(peerPosition(shownKpi(kpi(), 'jobcenter'))).toEqual({
			value: 12,
			n: 6,
			suppressed: false,
			hidden: false,
			p25: 5,
			median: 10,
			p75: 15,
			percentile: 58.3,
			quartile: 3
		});
	});

	it('leaves the group size out where the KPI is hidden, and the exact one where it is suppressed', () => {
		expect(shownKpi(followers(), 'jobcenter').n).toBeNull();
		expect(shownKpi(followers(), 'analyst').n).toBe(6);
		expect(shownKpi(kpi(), 'jobcenter').n).toBe(6);
		expect(shownKpi(kpi(), 'handout').n).toBe(6);
		// Two members with data: "fewer than MIN_PEERS" for everyone but analysts.
		for (const audience of ['jobcenter', 'handout'] as const) {
			expect(shownKpi(kpi(few), audience)).toMatchObject({ suppressed: true, n: null });
			expect(shownKpi(followers(few), audience).n).toBeNull();
		}
		expect(shownKpi(kpi(few), 'analyst')).toMatchObject({ suppressed: true, n: 2 });
		expect(groupSize({ n: 2, suppressed: true }, false, 'jobcenter')).toBeNull();
		expect(peerPosition(shownKpi(kpi(few), 'jobcenter')).n).toBeNull();
	});
});

describe('round tables', () => {
	it('have every KPI for analysts and the normalised ones for everyone else', () => {
		expect(comparableKpis('analyst')).toEqual(KPIS);
		for (const audience of ['jobcenter', 'handout'] as const) {
			const shown = comparableKpis(audience);
			expect(shown.length).toBeGreaterThan(0);
			expect(shown.every((k) => isNormalised(k.unit))).toBe(true);
			expect(shown.length).toBeLessThan(KPIS.length);
		}
	});

	it('judge a cell by its quartile, and give no quartile without a value', () => {
		expect(tableCell(kpi({ quartile: 4 }), 'analyst')).toEqual({
			value: 12,
			quartile: 4,
			good: true
		});
		expect(tableCell(kpi({ better: 'lower', quartile: 4 }), 'analyst').good).toBe(false);
		expect(tableCell(kpi({ value: null }), 'analyst')).toEqual({
			value: null,
			quartile: null,
			good: null
		});
		expect(tableCell(followers(), 'handout')).toEqual({ value: null, quartile: null, good: null });
	});
});

const unit = (id: string) => KPIS.find((k) => k.id === id)!.unit;

describe('mapAxes', () => {
	it('offers analysts the raw counts besides the axes every jobcenter user may choose', () => {
		const seen = mapAxes('jobcenter');
		const all = mapAxes('analyst');
		expect(all.xs.slice(0, seen.xs.length)).toEqual(seen.xs);
		expect(all.ys.slice(0, seen.ys.length)).toEqual(seen.ys);
		const extra = [...all.xs.slice(seen.xs.length), ...all.ys.slice(seen.ys.length)];
		expect(extra.length).toBeGreaterThan(0);
		expect(extra.every((id) => !isNormalised(unit(id)))).toBe(true);
		expect(mapAxes('handout')).toEqual(seen);
	});

	it('offers a jobcenter user only axes whose peer figures its cards show: no hours per post', () => {
		const { xs, ys } = mapAxes('jobcenter');
		expect(xs).toEqual(['fte_per_10000_elb']);
		expect(xs).not.toContain('hours_per_post');
		// The same rule as the cards and the round tables, not a list of its own.
		const comparable = comparableKpis('jobcenter').map((k) => k.id);
		for (const id of [...xs, ...ys]) {
			expect(comparable).toContain(id);
			expect(shownKpi(kpi({ id, unit: unit(id) }), 'jobcenter').hidden).toBe(false);
		}
		expect(shownKpi(kpi({ id: 'hours_per_post', unit: 'hours' }), 'jobcenter').hidden).toBe(true);
		expect(mapAxes('analyst').xs).toContain('hours_per_post');
	});
});
