/**
 * The presentation layer: the one place that turns the engine's results into what a viewer may see,
 * for the dashboard, the reports and the exports alike. The rules are in `visibility.ts`; this module
 * is their caller, so that no page, report or export has to remember them (`present.spec.ts` checks).
 */
import type { PeerPositionView } from '$lib/peerPosition';
import type { Month } from '$lib/months';
import { KPIS, type Kpi, type KpiId } from './catalogue';
import { computeKpis, computeMonthlyKpis, type Scope } from './compute';
import {
	compare,
	distribution,
	series,
	type Comparison,
	type KpiComparison,
	type KpiRequest,
	type SeriesPoint
} from './engine';
import { ranking, type RankingRow } from './ranking';
import { elbAt, type DataSource, type JobcenterRecord, type MetricRow } from './types';
import { isGoodPosition, type PeerStats, type PublicPeerStats, type Quartile } from './stats';
import { forHandout, forRole } from './visibility';
import { seesPeers, type Audience } from './present/audience';

export { audienceOf, seesPeers, type Audience } from './present/audience';
export { memberLabel, type Member } from './visibility';
export { mapAxes, mapPoints } from './present/map';
export { learningPartners, partnerLabel } from './present/partners';

export type ShownKpi = Omit<KpiComparison, 'peer' | 'n'> & {
	peer: PeerStats | PublicPeerStats | null;
	hidden: boolean;
	/** The group size as the audience may see it (`groupSize`); null where it is withheld. */
	n: number | null;
};

/**
 * One KPI's comparison as the audience may see it. A hidden KPI is not also marked suppressed, so
 * that a page gives the one reason that applies.
 */
export function shownKpi(k: KpiComparison, audience: Audience): ShownKpi {
	const shown = audience === 'handout' ? forHandout(k) : forRole(k, audience);
	return {
		...shown,
		suppressed: k.suppressed && !shown.hidden,
		n: groupSize(k, shown.hidden, audience)
	};
}

/**
 * How many members have data, where the audience may know it. Analysts always: they see every
 * member's value by name. Anyone else gets no group size for a hidden KPI, whose peers' figures are
 * withheld, and no exact one for a suppressed KPI: /methodik promises "zu wenige Vergleichswerte"
 * there, fewer than MIN_PEERS, and the exact size of so small a group is one of its figures too.
 * Pages say "fewer than MIN_PEERS"; files leave the cell empty.
 */
export function groupSize(
	k: { n: number; suppressed: boolean },
	hidden: boolean,
	audience: Audience
): number | null {
	if (audience === 'analyst') return k.n;
	return hidden || k.suppressed ? null : k.n;
}

/** The figures a card draws (`PeerPosition.svelte`), flat. */
export function peerPosition(k: ShownKpi): PeerPositionView {
	return {
		value: k.value,
		n: k.n,
		suppressed: k.suppressed,
		hidden: k.hidden,
		p25: k.peer?.p25 ?? null,
		median: k.peer?.median ?? null,
		p75: k.peer?.p75 ?? null,
		percentile: k.percentile,
		quartile: k.quartile
	};
}

/** A comparison as an audience may see it. */
export type Shown = Omit<Comparison, 'kpis'> & { kpis: ShownKpi[] };

/** Every KPI of the jobcenter in its group, as the audience may see it. */
export async function comparison(
	source: DataSource,
	request: KpiRequest,
	audience: Audience
): Promise<Shown> {
	const result = await compare(source, request);
	return { ...result, kpis: result.kpis.map((k) => shownKpi(k, audience)) };
}

/** The KPIs of the catalogue whose peer figures the audience may see: a round table's columns. */
export function comparableKpis(audience: Audience): Kpi[] {
	return KPIS.filter((k) => seesPeers(k.id, audience));
}

/** One KPI month by month against the group's band; where the peers are withheld, the own line only. */
export async function shownSeries(
	source: DataSource,
	request: KpiRequest,
	id: KpiId,
	audience: Audience
): Promise<SeriesPoint[]> {
	const points = await series(source, request, id);
	// A month's group size follows `groupSize`; 0 stands for a withheld one.
	if (seesPeers(id, audience))
		return points.map((p) => ({ ...p, n: groupSize(p, false, audience) ?? 0 }));
	return points.map((p) => ({ ...p, p25: null, median: null, p75: null, n: 0, suppressed: true }));
}

/** The group's values of one KPI, anonymous and sorted; none where the peers are withheld. */
export async function shownDistribution(
	source: DataSource,
	request: KpiRequest,
	id: KpiId,
	audience: Audience
): Promise<number[]> {
	if (!seesPeers(id, audience)) return [];
	return (await distribution(source, request, id)).values;
}

/** The members by name with their values: for analysts only, empty for everyone else. */
export async function shownRanking(
	source: DataSource,
	request: KpiRequest,
	id: KpiId,
	audience: Audience
): Promise<RankingRow[]> {
	return audience === 'analyst' ? ranking(source, request, id) : [];
}

/** The jobcenter's own values month by month, for its sparklines: its own, so its viewers see them. */
export async function ownMonthly(
	source: DataSource,
	self: JobcenterRecord,
	request: KpiRequest
): Promise<Map<Month, Record<KpiId, number | null>>> {
	const channels = request.channels ?? null;
	const rows =
		(await source.metricRows([self.id], request.from, request.to, channels)).get(self.id) ?? [];
	const scope = { from: request.from, to: request.to, channels: channels && new Set(channels) };
	return computeMonthlyKpis(rows, scope, (month) => elbAt(self.elbHistory, month), source.settings);
}

/** Totals of the jobcenter's own rows (no eLb), such as one channel's share of the mix. */
export function ownTotals<I extends KpiId>(
	rows: readonly MetricRow[],
	scope: Scope,
	source: DataSource,
	ids: readonly I[]
): Record<I, number | null> {
	return computeKpis(rows, scope, null, source.settings, ids);
}

/** The jobcenter's own value of every KPI, for its change against an earlier round. */
export async function ownValues(
	source: DataSource,
	request: KpiRequest
): Promise<Map<KpiId, number | null>> {
	const { kpis } = await compare(source, request);
	return new Map(kpis.map((k) => [k.id, k.value]));
}

/**
 * Every participant's comparison in a round, for the round tables, which show each cell through
 * `shownKpi` or `tableCell`.
 */
export async function comparisonsOf(
	source: DataSource,
	participants: readonly { id: number }[],
	requestFor: (id: number) => KpiRequest
): Promise<Map<number, Comparison>> {
	const result = new Map<number, Comparison>();
	for (const p of participants) result.set(p.id, await compare(source, requestFor(p.id)));
	return result;
}

/** One participant's cell in a round table: its value, its quartile and whether that is the better side. */
export function tableCell(
	k: KpiComparison,
	audience: Audience
): { value: number | null; quartile: Quartile | null; good: boolean | null } {
	const shown = shownKpi(k, audience);
	const quartile = shown.value === null ? null : shown.quartile;
	return { value: shown.value, quartile, good: isGoodPosition(k, quartile) };
}
