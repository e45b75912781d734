import { quantile as d3Quantile } from 'd3-array';
import { describe, expect, it } from 'vitest';
import {
	deviationFromMedianPct,
	isGoodPosition,
	peerStats,
	percentileRank,
	position,
	quantile,
	quartilePosition,
	withoutAnalystOnly
} from './stats';

describe('quantile', () => {
	it('interpolates between closest ranks (R-7)', () => {
		expect(quantile([10, 20, 30, 40], 0.25)).toBe(17.5); // h = 0.75
		expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
		expect(quantile([10, 20, 30, 40], 0.75)).toBe(32.5); // h = 2.25
		expect(quantile([7], 0.25)).toBe(7);
		expect(quantile([], 0.5)).toBeNaN();
	});

	it('equals d3-array’s quantile', () => {
		const arrays = [[1], [3, 1], [5, 1, 4, 2, 3], [0.1, 0.7, 0.2, 9.5, 3.3, 3.3, 12, -4]];
		for (const values of arrays) {
			const sorted = [...values].sort((a, b) => a - b);
			for (const p of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) {
				expect(quantile(sorted, p)).toBe(d3Quantile(values, p));
			}
		}
	});
});

describe('peerStats', () => {
	it('summarises n, quartiles, extremes and mean', () => {
		expect(peerStats([40, 10, 30, 20])).toEqual({
			...{ n: 4, median: 25, p25: 17.5, p75: 32.5 },
			...{ min: 10, max: 40, mean: 25 }
		});
		expect(peerStats([])).toBeNull();
	});
});

describe('percentileRank', () => {
	it('counts members below and half of those equal, itself included', () => {
		expect(percentileRank([1, 2, 2, 2, 3], 2)).toBe(50); // (1 + 1.5) / 5
		expect(percentileRank([1, 2, 3, 4], 1)).toBe(12.5); // (0 + 0.5) / 4
		expect(percentileRank([1, 2, 3, 4], 4)).toBe(87.5); // (3 + 0.5) / 4
		expect(percentileRank([7], 7)).toBe(50);
	});
});

describe('quartilePosition', () => {
	it('places by value with the boundaries in the lower quartile', () => {
		const stats = { p25: 17.5, median: 25, p75: 32.5 };
		const cases: [number, number][] = [
			[10, 1],
			[17.5, 1],
			[20, 2],
			[25, 2],
			[30, 3],
			[32.5, 3],
			[40, 4]
		];
		for (const [value, quartile] of cases) expect(quartilePosition(value, stats)).toBe(quartile);
	});

	it('puts ties at the lowest quartile they reach', () => {
		expect(quartilePosition(2, peerStats([1, 2, 2, 2, 3])!)).toBe(1); // p25 = 2
	});
});

describe('deviationFromMedianPct', () => {
	it('is relative to the median and null for a zero median', () => {
		expect(deviationFromMedianPct(30, 25)).toBe(20);
		expect(deviationFromMedianPct(15, 30)).toBe(-50);
		expect(deviationFromMedianPct(5, 0)).toBeNull();
	});
});

describe('position', () => {
	it('suppresses below MIN_PEERS and gives everything at MIN_PEERS', () => {
		expect(position(1, [1, 2, 3, 4], 5)).toEqual({
			...{ n: 4, suppressed: true, peer: null },
			...{ percentile: null, quartile: null, deviationFromMedianPct: null }
		});
		expect(position(1.5, [1.5, 2, 3, 4, 5], 5)).toEqual({
			n: 5,
			suppressed: false,
			peer: { n: 5, median: 3, p25: 2, p75: 4, min: 1.5, max: 5, mean: 3.1 },
			percentile: 10,
			quartile: 1,
			deviationFromMedianPct: -50
		});
	});

	it('gives a single-member group its own value as every statistic when allowed', () => {
		expect(position(7, [7], 1)).toMatchObject({ n: 1, percentile: 50, quartile: 1 });
		expect(position(7, [7], 5).suppressed).toBe(true);
	});

	it('describes the group without a position when the jobcenter itself has no data', () => {
		const result = position(null, [1, 2, 3, 4, 5], 5);
		expect(result.peer?.median).toBe(3);
		expect([result.percentile, result.quartile, result.deviationFromMedianPct]).toEqual([
			null,
			null,
			null
		]);
	});
});

describe('isGoodPosition', () => {
	it('judges only KPIs with a direction', () => {
		expect(isGoodPosition({ better: 'higher' }, 4)).toBe(true);
		expect(isGoodPosition({ better: 'higher' }, 3)).toBe(true);
		expect(isGoodPosition({ better: 'higher' }, 2)).toBe(false);
		expect(isGoodPosition({ better: 'lower' }, 1)).toBe(true);
		expect(isGoodPosition({ better: 'lower' }, 4)).toBe(false);
		expect(isGoodPosition({ better: 'neutral' }, 4)).toBeNull();
		expect(isGoodPosition({ better: 'higher' }, null)).toBeNull();
	});
});

describe('withoutAnalystOnly', () => {
	it('removes min and max, which are single members’ values', () => {
		const result = withoutAnalystOnly({ id: 'posts', ...position(1, [1, 2, 3, 4, 5], 5) });
		expect(result.peer).toEqual({ n: 5, median: 3, p25: 2, p75: 4, mean: 3 });
		expect(result.percentile).toBe(10);
		expect(withoutAnalystOnly({ peer: null }).peer).toBeNull();
	});
});
