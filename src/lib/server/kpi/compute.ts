/** Pure KPI formulas: one jobcenter's metric rows in, every catalogue KPI out, null where there is no data. */
import { monthRange, type Month } from '$lib/months';
import { KPI_IDS, kpi, type Flow, type Formula, type KpiId, type Typical } from './catalogue';
import type { KpiSettings } from './settings';
import { quantile } from './stats';
import type { MetricRow } from './types';

export type KpiValues = Record<KpiId, number | null>;

export interface Scope {
	from: Month;
	to: Month;
	/** null = every channel */
	channels: ReadonlySet<string> | null;
}

type Fte = Pick<KpiSettings, 'fteHoursPerMonth'>;

const ALL_KPIS: readonly KpiId[] = KPI_IDS;

/** The KPIs `ids` (default: all) over the rows in scope; `elb` is the one valid in the last month. */
export function computeKpis<I extends KpiId = KpiId>(
	rows: readonly MetricRow[],
	scope: Scope,
	elb: number | null,
	settings: Fte,
	ids: readonly I[] = ALL_KPIS as readonly I[]
): Record<I, number | null> {
	const inScope = rows.filter(
		(r) =>
			r.month >= scope.from &&
			r.month <= scope.to &&
			(scope.channels === null || scope.channels.has(r.channel))
	);
	const values: Partial<KpiValues> = {};
	// Per-eLb KPIs need their base KPI; memoising keeps each computed once, whatever the order.
	const value = (id: KpiId): number | null =>
		(values[id] ??= finite(evaluate(kpi(id).formula, inScope, value, elb, settings)));
	const result = {} as Record<I, number | null>;
	for (const id of ids) result[id] = value(id);
	return result;
}

/** The KPIs `ids` for each month of the scope on its own, as a series shows them. */
export function computeMonthlyKpis<I extends KpiId = KpiId>(
	rows: readonly MetricRow[],
	scope: Scope,
	elbInMonth: (month: Month) => number | null,
	settings: Fte,
	ids: readonly I[] = ALL_KPIS as readonly I[]
): Map<Month, Record<I, number | null>> {
	const byMonth = new Map<Month, MetricRow[]>();
	for (const row of rows) {
		const list = byMonth.get(row.month);
		if (list) list.push(row);
		else byMonth.set(row.month, [row]);
	}
	const result = new Map<Month, Record<I, number | null>>();
	for (const month of monthRange(scope.from, scope.to)) {
		const inMonth = byMonth.get(month) ?? [];
		const monthScope = { ...scope, from: month, to: month };
		result.set(month, computeKpis(inMonth, monthScope, elbInMonth(month), settings, ids));
	}
	return result;
}

function evaluate(
	formula: Formula,
	rows: readonly MetricRow[],
	value: (id: KpiId) => number | null,
	elb: number | null,
	settings: Fte
): number | null {
	switch (formula.kind) {
		case 'flow':
			return monthlyAverage(rows, formula.flow);
		case 'ratio':
			return ratioOfSums(rows, formula.numerator, formula.denominator, formula.factor);
		case 'median':
			return medianOfReported(rows, formula.of);
		case 'stock':
			return followerEnds(rows, 1).latest;
		case 'growth': {
			const { earliest, latest } = followerEnds(rows, 2);
			return earliest === null || latest === null ? null : ((latest - earliest) / earliest) * 100;
		}
		case 'fte': {
			const hours = monthlyAverage(rows, 'staff_hours');
			return hours === null ? null : hours / settings.fteHoursPerMonth;
		}
		case 'per-elb': {
			const base = value(formula.of);
			return base === null || elb === null || elb <= 0 ? null : (base / elb) * formula.per;
		}
	}
}

export function flowValue(row: MetricRow, flow: Flow): number | null {
	if (flow !== 'interactions') return row[flow];
	const { reactions, comments, shares } = row;
	return reactions === null || comments === null || shares === null
		? null
		: reactions + comments + shares;
}

/** Sum per month over the channels that reported, averaged over the months where any did. */
function monthlyAverage(rows: readonly MetricRow[], flow: Flow): number | null {
	const sums = new Map<Month, number>();
	for (const row of rows) {
		const v = flowValue(row, flow);
		if (v !== null) sums.set(row.month, (sums.get(row.month) ?? 0) + v);
	}
	if (sums.size === 0) return null;
	let total = 0;
	for (const sum of sums.values()) total += sum;
	return total / sums.size;
}

function ratioOfSums(
	rows: readonly MetricRow[],
	numerator: Flow,
	denominator: Flow,
	factor: number
): number | null {
	let top = 0;
	let bottom = 0;
	for (const row of rows) {
		const n = flowValue(row, numerator);
		const d = flowValue(row, denominator);
		if (n === null || d === null) continue;
		top += n;
		bottom += d;
	}
	return bottom === 0 ? null : (top / bottom) * factor;
}

/** The median of every reported (channel, month) value; each counts once, whatever its channel's volume. */
function medianOfReported(rows: readonly MetricRow[], metric: Typical): number | null {
	const values: number[] = [];
	for (const row of rows) if (row[metric] !== null) values.push(row[metric]);
	values.sort((a, b) => a - b);
	return values.length === 0 ? null : quantile(values, 0.5);
}

interface Ends {
	firstMonth: Month;
	first: number;
	lastMonth: Month;
	last: number;
}

/**
 * Σ of each channel's earliest and latest reported followers, over the channels with at least
 * `minMonths` reported months (1 for the stock, 2 for growth); null when no channel qualifies.
 */
function followerEnds(
	rows: readonly MetricRow[],
	minMonths: 1 | 2
): { earliest: number | null; latest: number | null } {
	const ends = new Map<string, Ends>();
	for (const { channel, month, followers } of rows) {
		if (followers === null) continue;
		const e = ends.get(channel);
		if (!e)
			ends.set(channel, { firstMonth: month, first: followers, lastMonth: month, last: followers });
		else if (month < e.firstMonth) Object.assign(e, { firstMonth: month, first: followers });
		else if (month > e.lastMonth) Object.assign(e, { lastMonth: month, last: followers });
	}
	let earliest: number | null = null;
	let latest: number | null = null;
	for (const e of ends.values()) {
		if (minMonths === 2 && e.firstMonth === e.lastMonth) continue;
		earliest = (earliest ?? 0) + e.first;
		latest = (latest ?? 0) + e.last;
	}
	return { earliest, latest };
}

/** Growth from zero followers divides by zero; this guard keeps that and any NaN from leaving. */
function finite(x: number | null): number | null {
	return x !== null && Number.isFinite(x) ? x : null;
}
