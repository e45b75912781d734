/** Events on the charts (Ereignisse): read what a viewer may see, record and delete them. */
import type { DB } from '$lib/server/db';
import type { EventKind } from '$lib/server/db/schema';
import type { Month } from '$lib/months';
import { eventJobcenters, mayEditEvent, type EventViewer } from '$lib/server/kpi/visibility';
import type { ChartEvent } from '$lib/charts/types';

/** A page never lists more than this many; the newest months come first. */
export const EVENTS_SHOWN_MAX = 200;

export interface EventRow extends ChartEvent {
	kind: EventKind;
	note: string;
	jobcenterId: number | null;
	/** The jobcenter's name, or null for an event for everyone. */
	jobcenterName: string | null;
	createdBy: string;
}

export interface EventQuery {
	/** Whose own events besides the events for everyone; see `eventJobcenters`. */
	about: number | 'all' | null;
	from?: Month;
	to?: Month;
}

/** The events the viewer may see about one jobcenter (or all), oldest first within the period. */
export async function listEvents(
	db: DB,
	viewer: EventViewer,
	{ about, from, to }: EventQuery
): Promise<EventRow[]> {
	const jobcenters = eventJobcenters(viewer, about);
	let q = db
		.selectFrom('series_event as e')
		.leftJoin('jobcenter as j', 'j.id', 'e.jobcenter_id')
		.select([
			'e.id',
			'e.month',
			'e.kind',
			'e.title',
			'e.note',
			'e.channel_id as channel',
			'e.jobcenter_id as jobcenterId',
			'j.name as jobcenterName',
			'e.created_by as createdBy'
		])
		.where((w) =>
			jobcenters === 'all'
				? w.lit(true)
				: jobcenters.length
					? w.or([w('e.jobcenter_id', 'is', null), w('e.jobcenter_id', 'in', jobcenters)])
					: w('e.jobcenter_id', 'is', null)
		);
	if (from) q = q.where('e.month', '>=', from);
	if (to) q = q.where('e.month', '<=', to);
	const rows = await q
		.orderBy('e.month', 'desc')
		.orderBy('e.id', 'desc')
		.limit(EVENTS_SHOWN_MAX)
		.execute();
	return rows.reverse();
}

export interface NewEvent {
	jobcenterId: number | null;
	channel: string | null;
	month: Month;
	kind: EventKind;
	title: string;
	note: string;
}

/** Records an event; the caller has checked the viewer with `mayEditEvent`. */
export async function addEvent(db: DB, event: NewEvent, createdBy: string): Promise<number> {
	const row = await db
		.insertInto('series_event')
		.values({
			jobcenter_id: event.jobcenterId,
			channel_id: event.channel,
			month: event.month,
			kind: event.kind,
			title: event.title,
			note: event.note,
			created_by: createdBy
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** Deletes an event the viewer may edit; false when there is none it may see or delete. */
export async function deleteEvent(db: DB, viewer: EventViewer, id: number): Promise<boolean> {
	const event = await db
		.selectFrom('series_event')
		.select(['id', 'jobcenter_id'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!event || !mayEditEvent(viewer, event.jobcenter_id)) return false;
	await db.deleteFrom('series_event').where('id', '=', id).execute();
	return true;
}

/** What a chart needs of the events the viewer may see about one jobcenter (or none) in a period. */
export async function chartEvents(
	db: DB,
	viewer: EventViewer,
	about: number | null,
	from: Month,
	to: Month
): Promise<ChartEvent[]> {
	const rows = await listEvents(db, viewer, { about, from, to });
	return rows.map(({ id, month, title, channel }) => ({ id, month, title, channel }));
}

/**
 * The events of a round's period for its reports: a jobcenter's report shows its own besides those
 * for everyone, the handout only those for everyone (it names no participant), the analysts' round
 * report the participants' own as well.
 */
export async function reportEvents(
	db: DB,
	viewer: EventViewer,
	round: { from: Month; to: Month },
	about: { jobcenter: number } | { participants: number[] } | 'handout'
) {
	const rows = await listEvents(db, viewer, {
		about: about === 'handout' ? null : 'jobcenter' in about ? about.jobcenter : 'all',
		from: round.from,
		to: round.to
	});
	const participants =
		typeof about === 'object' && 'participants' in about ? about.participants : null;
	return rows
		.filter((e) => !participants || e.jobcenterId === null || participants.includes(e.jobcenterId))
		.map(({ id, month, title, channel, jobcenterName }) => ({
			id,
			month,
			title,
			channel,
			jobcenterName
		}));
}
