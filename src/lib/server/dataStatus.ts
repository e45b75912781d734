/** Datenstand: which jobcenter delivered which channels for which months, from one aggregate query, with the gaps. */
import { sql } from 'kysely';
import { monthRange, type Month } from '$lib/months';
import type { DB } from '$lib/server/db';
import { listByName } from '$lib/server/db/jobcenters';

/**
 * A month of one jobcenter: every channel it reports in the period delivered in full; all
 * delivered but some lacking a figure; some channels missing; nothing at all.
 */
export type DeliveryStatus = 'complete' | 'figures' | 'partial' | 'missing';

/** One jobcenter's month as the query aggregates it: channels with a row, and those among them missing a figure. */
export interface MonthDelivery {
	jobcenterId: number;
	month: Month;
	delivered: string[];
	incomplete: string[];
}

export interface StatusCell {
	month: Month;
	status: DeliveryStatus;
	/** Channels it reports in the period but not in this month. */
	missing: string[];
	/** Channels with a row this month that lacks a figure. */
	incomplete: string[];
}

export interface StatusRow {
	id: number;
	code: string;
	name: string;
	ring: string | null;
	/** The channels it reports anywhere in the period: what "complete" is measured against. */
	channels: string[];
	cells: StatusCell[];
	gaps: number;
}

/**
 * The matrix, pure. Measured, as in the round's submissions view, against the channels the jobcenter
 * reports anywhere in the period; a delivered channel lacking a figure is told apart from a missing
 * channel, since messy files often leave a cell empty and that is a different question to ask.
 */
export function statusMatrix(
	jobcenters: readonly { id: number; code: string; name: string; ring: string | null }[],
	months: readonly Month[],
	deliveries: readonly MonthDelivery[]
): StatusRow[] {
	const byKey = new Map(deliveries.map((d) => [`${d.jobcenterId} ${d.month}`, d]));
	return jobcenters.map((j) => {
		const own = months.map((month) => byKey.get(`${j.id} ${month}`));
		const channels = [...new Set(own.flatMap((d) => d?.delivered ?? []))].sort();
		const cells = months.map((month, i): StatusCell => {
			const d = own[i];
			if (!d || d.delivered.length === 0)
				return { month, status: 'missing', missing: channels, incomplete: [] };
			const missing = channels.filter((c) => !d.delivered.includes(c));
			const incomplete = [...d.incomplete].sort();
			const status = missing.length ? 'partial' : incomplete.length ? 'figures' : 'complete';
			return { month, status, missing, incomplete };
		});
		return { ...j, channels, cells, gaps: cells.filter((c) => c.status !== 'complete').length };
	});
}

/** A row lacking any of the figures a complete delivery has (the Antwortzeit is optional). */
const INCOMPLETE = sql<number>`followers is null or posts is null or impressions is null or reach is null
	or reactions is null or comments is null or shares is null or replies is null or staff_hours is null`;

/** The jobcenters' deliveries in the period: one grouped query, never one per cell. */
export async function deliveries(
	db: DB,
	jobcenterIds: readonly number[],
	from: Month,
	to: Month
): Promise<MonthDelivery[]> {
	if (jobcenterIds.length === 0) return [];
	const rows = await db
		.selectFrom('monthly_metric')
		.select((eb) => [
			'jobcenter_id',
			'month',
			eb.fn<string>('group_concat', ['channel_id']).as('delivered'),
			sql<string | null>`group_concat(case when ${INCOMPLETE} then channel_id end)`.as('incomplete')
		])
		.where('jobcenter_id', 'in', [...jobcenterIds])
		.where('month', '>=', from)
		.where('month', '<=', to)
		.groupBy(['jobcenter_id', 'month'])
		.execute();
	return rows.map((r) => ({
		jobcenterId: r.jobcenter_id,
		month: r.month,
		delivered: r.delivered.split(','),
		incomplete: r.incomplete ? r.incomplete.split(',') : []
	}));
}

/** The active jobcenters of a ring (or all), optionally only the given ones, by name. */
export async function statusJobcenters(
	db: DB,
	filter: { ring: string | null; members: number[] | null }
) {
	const scope = { ring: filter.ring || null, ids: filter.members };
	return listByName(db, ['id', 'code', 'name', 'ring'], scope);
}

export async function dataStatus(
	db: DB,
	filter: { ring: string | null; members: number[] | null; from: Month; to: Month }
) {
	const jobcenters = await statusJobcenters(db, filter);
	const months = monthRange(filter.from, filter.to);
	const rows = statusMatrix(
		jobcenters,
		months,
		await deliveries(
			db,
			jobcenters.map((j) => j.id),
			filter.from,
			filter.to
		)
	);
	return { months, rows };
}
