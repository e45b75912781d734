/** Turns a platform export's rows into monthly figures for the complete months only, with the months it skips and why. */
import { monthRange, type Month } from '$lib/months';
import type { Metric } from '$lib/server/db/schema';
import type { NativeField } from '../aliases';
import { defaultNumberStyle } from '../dialect';
import type { Issue } from '../messages';
import { parseNumber } from '../values';
import {
	daysInMonth,
	monthsOf,
	parseDay,
	parseUtcTimeAsBerlinDay,
	type Day,
	type SlashOrder,
	type Period
} from './dates';
import type { NativeTable } from './read';

export type MetricValues = Partial<Record<Metric, number>>;

export interface MonthlyFigures {
	/** The period the file covers: the export's for posts, first to last day for a daily series. */
	period: Period | null;
	/** The complete months, each with the metrics it sets. */
	rows: { month: Month; values: MetricValues }[];
	skipped: { month: Month; issue: Issue }[];
	issues: Issue[];
}

/** How the platforms write "no value" in a daily series. */
const MISSING = new Set(['', '--', '-', 'nan', 'n/a', 'na']);
const isMissing = (raw: string | undefined) => MISSING.has((raw ?? '').trim().toLowerCase());

interface Context {
	table: NativeTable;
	/** Which column feeds which metric (`posts` counts rows). */
	mapping: Partial<Record<Metric, NativeField>>;
	current: Month;
	/** How the file's slashed dates are ordered, decided from all of them (`slashOrderOf`). */
	order: SlashOrder;
}

/** A value per metric and month, and how many rows lacked one. */
class Sums {
	readonly sums = new Map<Month, MetricValues>();
	readonly missing = new Map<Month, Partial<Record<Metric, number>>>();

	add(month: Month, metric: Metric, value: number | null): void {
		const sums = this.sums.get(month) ?? this.sums.set(month, {}).get(month)!;
		if (value === null) {
			const missing = this.missing.get(month) ?? this.missing.set(month, {}).get(month)!;
			missing[metric] = (missing[metric] ?? 0) + 1;
		} else sums[metric] = (sums[metric] ?? 0) + value;
	}
}

function readValue(ctx: Context, cells: string[], metric: Metric, line: number, issues: Issue[]) {
	const index = ctx.table.fields.indexOf(ctx.mapping[metric] as NativeField);
	const raw = cells[index];
	if (isMissing(raw)) return null;
	const parsed = parseNumber(raw, defaultNumberStyle(ctx.table.delimiter), 0);
	if ('value' in parsed) return parsed.value;
	issues.push({ line, column: ctx.table.names[index], value: raw, code: parsed.error });
	return undefined;
}

function dayOf(ctx: Context, cells: string[], line: number, issues: Issue[]): Day | null {
	const index = ctx.table.fields.indexOf(ctx.table.format.day);
	const raw = cells[index] ?? '';
	const day = ctx.table.format.utc ? parseUtcTimeAsBerlinDay(raw) : parseDay(raw, ctx.order);
	if (!day)
		issues.push({ line, column: ctx.table.names[index], value: raw, code: 'native_bad_date' });
	return day;
}

/** One row per post: sums over the posts of each month the export's `period` covers whole. */
export function postMonths(ctx: Context, period: Period): MonthlyFigures {
	const issues: Issue[] = [];
	const sums = new Sums();
	const metrics = Object.keys(ctx.mapping) as Metric[];
	for (const { line, cells } of ctx.table.records) {
		const day = dayOf(ctx, cells, line, issues);
		if (!day) continue;
		if (day < period.from || day > period.to) {
			const column = ctx.table.names[ctx.table.fields.indexOf(ctx.table.format.day)];
			issues.push({
				line,
				column,
				value: cells[ctx.table.fields.indexOf(ctx.table.format.day)],
				code: 'native_outside_period'
			});
			continue;
		}
		for (const metric of metrics) {
			const value = metric === 'posts' ? 1 : readValue(ctx, cells, metric, line, issues);
			if (value !== undefined) sums.add(day.slice(0, 7), metric, value);
		}
	}
	const covered = monthsOf(period).map((m) => ({
		...m,
		days: Number(m.to.slice(8)) - Number(m.from.slice(8)) + 1
	}));
	return finish(ctx, period, covered, sums, issues, 'posts');
}

/** One row per day: sums (or the last day's value) of each month whose every day is there. */
export function dailyMonths(ctx: Context): MonthlyFigures {
	const issues: Issue[] = [];
	const sums = new Sums();
	const days = new Map<Month, Set<Day>>();
	const lastDay = new Map<Month, Day>();
	const metrics = Object.keys(ctx.mapping) as Metric[];
	const lastValue = new Set(ctx.table.format.lastDayValue ?? []);
	const last = new Map<Month, MetricValues>();
	for (const { line, cells } of ctx.table.records) {
		const day = dayOf(ctx, cells, line, issues);
		if (!day) continue;
		const month = day.slice(0, 7);
		(days.get(month) ?? days.set(month, new Set()).get(month)!).add(day);
		for (const metric of metrics) {
			const value = readValue(ctx, cells, metric, line, issues);
			if (value === undefined) continue;
			if (!lastValue.has(metric)) sums.add(month, metric, value);
			else if (day >= (lastDay.get(month) ?? '')) {
				// A count at month end: only the last day's value is the month's.
				const values = last.get(month) ?? last.set(month, {}).get(month)!;
				if (value === null) delete values[metric];
				else values[metric] = value;
				lastDay.set(month, day);
			}
		}
	}
	for (const [month, values] of last) {
		for (const metric of lastValue) sums.add(month, metric, values[metric] ?? null);
	}
	const all = [...days.values()].flatMap((d) => [...d]).sort();
	if (all.length === 0) return { period: null, rows: [], skipped: [], issues };
	const period = { from: all[0], to: all[all.length - 1] };
	const covered = monthRange(period.from.slice(0, 7), period.to.slice(0, 7)).map((month) => {
		const present = [...(days.get(month) ?? [])].sort();
		return {
			month,
			from: present[0] ?? `${month}-01`,
			to: present[present.length - 1] ?? `${month}-01`,
			days: present.length,
			whole: present.length === daysInMonth(month)
		};
	});
	return finish(ctx, period, covered, sums, issues, 'days');
}

function finish(
	ctx: Context,
	period: Period,
	covered: { month: Month; from: Day; to: Day; days: number; whole: boolean }[],
	sums: Sums,
	issues: Issue[],
	unit: 'posts' | 'days'
): MonthlyFigures {
	const rows: MonthlyFigures['rows'] = [];
	const skipped: MonthlyFigures['skipped'] = [];
	const metrics = Object.keys(ctx.mapping) as Metric[];
	const at = (code: Issue['code'], detail: string, month?: Month): Issue => ({
		line: null,
		column: null,
		value: null,
		code,
		detail,
		...(month === undefined ? {} : { month })
	});
	for (const m of covered) {
		if (m.month >= ctx.current) {
			skipped.push({ month: m.month, issue: at('native_current_month', m.month, m.month) });
		} else if (!m.whole) {
			const detail = [m.month, m.from, m.to, m.days, daysInMonth(m.month)].join('|');
			skipped.push({ month: m.month, issue: at('native_partial_month', detail, m.month) });
		} else {
			const values: MetricValues = {};
			const found = sums.sums.get(m.month) ?? {};
			const missing = sums.missing.get(m.month) ?? {};
			for (const metric of metrics) {
				// A month without posts is 0; a daily metric lacking a day stays out of the month.
				if (missing[metric]) {
					issues.push(
						at('native_missing_days', [m.month, metric, missing[metric], unit].join('|'), m.month)
					);
				} else if (unit === 'posts' || found[metric] !== undefined) {
					values[metric] = found[metric] ?? 0;
				}
			}
			rows.push({ month: m.month, values });
		}
	}
	if (rows.length === 0 && !issues.some((i) => i.code === 'native_bad_date')) {
		issues.push(at('native_no_complete_month', `${period.from}|${period.to}`));
	}
	return { period, rows, skipped, issues };
}
