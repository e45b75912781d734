/** The peer-comparison engine: one read of the group's rows, then every figure in memory, suppression applied. */
import { CHANNEL_IDS } from '$lib/channels';
import { addMonths, isMonth, type Month } from '$lib/months';
import { KPIS, type Area, type Better, type KpiId, type Unit } from './catalogue';
import { computeKpis, computeMonthlyKpis, type Scope } from './compute';
import { groupName, selectPeers, type PeerCandidate, type PeerGroupSpec } from './peers';
import { elbAt, type DataSource, type JobcenterRecord, type MetricRow } from './types';
import { PERIOD_MAX_MONTHS } from './request';
import { position, quantile, type Position } from './stats';

export interface KpiRequest {
	jobcenterId: number;
	from: Month;
	to: Month;
	peers: PeerGroupSpec;
	/** null or absent = every channel */
	channels?: readonly string[] | null;
}

export type KpiRequestProblem = 'unknown_jobcenter' | 'unknown_channel' | 'bad_period' | 'no_group';

/** A request the engine cannot answer, with a reason a caller can turn into its own message. */
export class KpiRequestError extends Error {
	constructor(
		readonly problem: KpiRequestProblem,
		message: string
	) {
		super(message);
	}
}

export interface KpiComparison extends Position {
	id: KpiId;
	area: Area;
	unit: Unit;
	better: Better;
	value: number | null;
}

export interface Comparison {
	jobcenter: { id: number; code: string };
	period: { from: Month; to: Month };
	peers: { group: string; members: number };
	kpis: KpiComparison[];
}

export interface SeriesPoint {
	month: Month;
	value: number | null;
	n: number;
	p25: number | null;
	median: number | null;
	p75: number | null;
	suppressed: boolean;
}

export interface Distribution {
	kpi: KpiId;
	/** The jobcenter's own value, so that a chart can mark it. */
	value: number | null;
	n: number;
	suppressed: boolean;
	/** The members' values, ascending, without any identifier; empty when suppressed. */
	values: number[];
}

/** Every KPI of the jobcenter and its position in the group, for one page in one call. */
export async function compare(source: DataSource, request: KpiRequest): Promise<Comparison> {
	const group = await loadGroup(source, request);
	const values = group.members.map((m) => periodValues(group, m));
	const own = values[group.selfIndex];
	return {
		jobcenter: { id: group.self.id, code: group.self.code },
		period: { from: request.from, to: request.to },
		peers: { group: groupName(request.peers), members: group.members.length },
		kpis: KPIS.map(({ id, area, unit, better }) => {
			const where = position(own[id], present(values, id), source.settings.minPeers);
			return { id, area, unit, better, value: own[id], ...where };
		})
	};
}

/** One KPI month by month: the jobcenter's value and the group's quartiles of that month. */
export async function series(
	source: DataSource,
	request: KpiRequest,
	kpiId: KpiId
): Promise<SeriesPoint[]> {
	const group = await loadGroup(source, request);
	const monthly = group.members.map((m) =>
		computeMonthlyKpis(
			group.rows.get(m.id) ?? [],
			group.scope,
			(month) => elbAt(group.records.get(m.id)?.elbHistory ?? [], month),
			source.settings,
			[kpiId]
		)
	);
	return [...monthly[group.selfIndex].keys()].map((month) => {
		const inMonth = monthly.map((byMonth) => byMonth.get(month) as Record<KpiId, number | null>);
		const value = inMonth[group.selfIndex][kpiId];
		const { n, suppressed, peer } = position(
			value,
			present(inMonth, kpiId),
			source.settings.minPeers
		);
		const [p25, median, p75] = peer ? [peer.p25, peer.median, peer.p75] : [null, null, null];
		return { month, value, n, p25, median, p75, suppressed };
	});
}

/** The group's values of one KPI over the period, sorted and anonymous. */
export async function distribution(
	source: DataSource,
	request: KpiRequest,
	kpiId: KpiId
): Promise<Distribution> {
	const group = await loadGroup(source, request);
	const values = group.members.map((m) => periodValues(group, m, [kpiId]));
	const sorted = present(values, kpiId).sort((a, b) => a - b);
	const suppressed = sorted.length < source.settings.minPeers;
	const value = values[group.selfIndex][kpiId];
	return { kpi: kpiId, value, n: sorted.length, suppressed, values: suppressed ? [] : sorted };
}

interface Group {
	self: PeerCandidate;
	selfIndex: number;
	members: PeerCandidate[];
	records: Map<number, JobcenterRecord>;
	rows: Map<number, MetricRow[]>;
	scope: Scope;
	settings: DataSource['settings'];
}

async function loadGroup(source: DataSource, request: KpiRequest): Promise<Group> {
	const { jobcenterId, from, to, peers } = request;
	if (!isMonth(from) || !isMonth(to) || from > to) {
		throw new KpiRequestError('bad_period', `The period ${from}..${to} is not a range of months.`);
	}
	// Every figure walks the months of the period, so an unbounded one would stall the server.
	if (to >= addMonths(from, PERIOD_MAX_MONTHS)) {
		throw new KpiRequestError(
			'bad_period',
			`The period ${from}..${to} is longer than ${PERIOD_MAX_MONTHS} months.`
		);
	}
	const channels = request.channels ?? null;
	const unknown = channels?.find((c) => !(CHANNEL_IDS as string[]).includes(c));
	if (unknown !== undefined) {
		throw new KpiRequestError('unknown_channel', `There is no channel "${unknown}".`);
	}
	const records = new Map((await source.jobcenters()).map((r) => [r.id, r]));
	const selfRecord = records.get(jobcenterId);
	if (!selfRecord) {
		throw new KpiRequestError('unknown_jobcenter', `There is no jobcenter with id ${jobcenterId}.`);
	}
	// A deactivated jobcenter leaves the standing groups; a round keeps the participants it had.
	const candidates = [...records.values()]
		.filter((r) => r.active || r.id === jobcenterId || peers.type === 'round')
		.map(({ id, code, state, carrier, ring, elbHistory, goals }) => {
			return { id, code, state, carrier, ring, goals, elb: elbAt(elbHistory, to) ?? NaN };
		});
	const self = candidates.find((c) => c.id === jobcenterId) as PeerCandidate;
	const members = selectPeers(candidates, self, peers);
	if (!members) {
		throw new KpiRequestError(
			'no_group',
			`Jobcenter ${self.code} has no group "${groupName(peers)}".`
		);
	}
	const ids = members.map((m) => m.id);
	return {
		self,
		selfIndex: ids.indexOf(jobcenterId),
		members,
		records,
		rows: await source.metricRows(ids, from, to, channels),
		scope: { from, to, channels: channels && new Set(channels) },
		settings: source.settings
	};
}

function periodValues<I extends KpiId>(
	group: Group,
	member: PeerCandidate,
	ids?: readonly I[]
): Record<I, number | null> {
	const rows = group.rows.get(member.id) ?? [];
	return computeKpis(rows, group.scope, member.elb, group.settings, ids);
}

function present<I extends KpiId>(values: readonly Record<I, number | null>[], id: I): number[] {
	const result: number[] = [];
	for (const v of values) if (v[id] !== null) result.push(v[id] as number);
	return result;
}

export interface Pairs {
	own: { x: number | null; y: number | null };
	/** Members with both values, the jobcenter itself included, ordered by x: no identifier, no register order. */
	points: { x: number; y: number }[];
	suppressed: boolean;
	median: { x: number | null; y: number | null };
}

/** Two KPIs of every member as anonymous points, for the effort-versus-resonance map. */
export async function pairs(
	source: DataSource,
	request: KpiRequest,
	xId: KpiId,
	yId: KpiId
): Promise<Pairs> {
	const group = await loadGroup(source, request);
	const values = group.members.map((m) => periodValues(group, m, [xId, yId]));
	const own = values[group.selfIndex];
	const points = values
		.filter((v) => v[xId] !== null && v[yId] !== null)
		.map((v) => ({ x: v[xId] as number, y: v[yId] as number }))
		.sort((a, b) => a.x - b.x || a.y - b.y);
	const suppressed = points.length < source.settings.minPeers;
	const medianOf = (list: number[]) =>
		list.length
			? quantile(
					[...list].sort((a, b) => a - b),
					0.5
				)
			: null;
	return {
		own: { x: own[xId], y: own[yId] },
		points: suppressed ? [] : points,
		suppressed,
		median: suppressed
			? { x: null, y: null }
			: { x: medianOf(points.map((p) => p.x)), y: medianOf(points.map((p) => p.y)) }
	};
}
