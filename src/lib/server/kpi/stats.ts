/** Pure peer statistics: R-7 quantiles, percentile rank, quartile position and small-cell suppression. */
import { quantileSorted } from 'd3-array';
import type { Better } from './catalogue';

export interface PeerStats {
	n: number;
	median: number;
	p25: number;
	p75: number;
	/** A single member's value: analyst-only, see `withoutAnalystOnly`. */
	min: number;
	/** A single member's value: analyst-only, see `withoutAnalystOnly`. */
	max: number;
	mean: number;
}

export type PublicPeerStats = Omit<PeerStats, 'min' | 'max'>;

export type Quartile = 1 | 2 | 3 | 4;

/** Where one value stands among its group's values; every figure is null when suppressed. */
export interface Position {
	/** Members with data for this KPI, the jobcenter itself included when it has data. */
	n: number;
	suppressed: boolean;
	peer: PeerStats | null;
	percentile: number | null;
	quartile: Quartile | null;
	deviationFromMedianPct: number | null;
}

/** R-7 (Excel QUARTILE.INC) on values sorted ascending, by d3-array; NaN when empty. */
export function quantile(sorted: readonly number[], p: number): number {
	// d3's types ask for a mutable array; quantileSorted only reads it.
	return quantileSorted(sorted as number[], p) ?? NaN;
}

export function peerStats(values: readonly number[]): PeerStats | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	let sum = 0;
	for (const v of sorted) sum += v;
	return {
		n: sorted.length,
		median: quantile(sorted, 0.5),
		p25: quantile(sorted, 0.25),
		p75: quantile(sorted, 0.75),
		min: sorted[0],
		max: sorted[sorted.length - 1],
		mean: sum / sorted.length
	};
}

/** 100 × (members below + half of the members equal) / n; `values` includes `own`. */
export function percentileRank(values: readonly number[], own: number): number {
	let below = 0;
	let equal = 0;
	for (const v of values) {
		if (v < own) below++;
		else if (v === own) equal++;
	}
	return (100 * (below + 0.5 * equal)) / values.length;
}

export function quartilePosition(
	own: number,
	stats: Pick<PeerStats, 'p25' | 'median' | 'p75'>
): Quartile {
	if (own <= stats.p25) return 1;
	if (own <= stats.median) return 2;
	if (own <= stats.p75) return 3;
	return 4;
}

export function deviationFromMedianPct(own: number, median: number): number | null {
	return median === 0 ? null : ((own - median) / median) * 100;
}

/**
 * The jobcenter's position among `values` (the group's non-null values, its own included);
 * below `minPeers` values nothing but n and the suppression flag is given out.
 */
export function position(
	own: number | null,
	values: readonly number[],
	minPeers: number
): Position {
	const n = values.length;
	const peer = n < minPeers ? null : peerStats(values);
	if (peer === null) {
		const none = { peer: null, percentile: null, quartile: null, deviationFromMedianPct: null };
		return { n, suppressed: true, ...none };
	}
	if (own === null) {
		return {
			n,
			suppressed: false,
			peer,
			percentile: null,
			quartile: null,
			deviationFromMedianPct: null
		};
	}
	return {
		n,
		suppressed: false,
		peer,
		percentile: percentileRank(values, own),
		quartile: quartilePosition(own, peer),
		deviationFromMedianPct: deviationFromMedianPct(own, peer.median)
	};
}

/**
 * Whether a quartile lies on the better side of the median, judged only from the KPI's direction
 * (for `lower`, quartile 1 is best); null for neutral KPIs, which are never judged.
 */
export function isGoodPosition(kpi: { better: Better }, quartile: Quartile | null): boolean | null {
	if (kpi.better === 'neutral' || quartile === null) return null;
	return kpi.better === 'higher' ? quartile >= 3 : quartile <= 2;
}

/** The same result without min and max, which are single members' values, for jobcenter users. */
export function withoutAnalystOnly<T extends { peer: PeerStats | null }>(
	item: T
): Omit<T, 'peer'> & { peer: PublicPeerStats | null } {
	if (item.peer === null) return { ...item, peer: null };
	// Listing what may pass, rather than what may not, keeps a future field analyst-only by default.
	const { n, median, p25, p75, mean } = item.peer;
	return { ...item, peer: { n, median, p25, p75, mean } };
}
