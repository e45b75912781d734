import { fail, redirect } from '@sveltejs/kit';
import { CHANNEL_IDS } from '$lib/channels';
import { addMonths } from '$lib/months';
import { m } from '$lib/paraglide/messages';
import { authorise, can } from '$lib/server/auth/authorise';
import { currentMonth } from '$lib/server/clock';
import { byCode, listByName } from '$lib/server/db/jobcenters';
import { EVENT_KINDS } from '$lib/server/db/schema';
import { addEvent, deleteEvent, EVENTS_SHOWN_MAX, listEvents } from '$lib/server/events';
import { mayEditEvent } from '$lib/server/kpi/visibility';
import {
	choice,
	EARLIEST_MONTH,
	form,
	ID_MAX,
	integer,
	jobcenterCode,
	monthWithin,
	query,
	required,
	text
} from '$lib/server/params';
import { db } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

/** The event form; a campaign may be planned a year ahead, nothing is older than the import's earliest month. */
function eventForm() {
	return {
		monat: required(monthWithin(EARLIEST_MONTH, addMonths(currentMonth(), 12))),
		art: required(choice(EVENT_KINDS)),
		titel: required(text(120)),
		notiz: text(500),
		kanal: choice(CHANNEL_IDS),
		// Analysts only (empty: every jobcenter); a jobcenter user's events are always its own.
		jobcenter: jobcenterCode()
	};
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = authorise(locals, 'read');
	const { neu, geloescht } = query(url.searchParams, {
		neu: integer(1, ID_MAX),
		geloescht: integer(0, 1)
	});
	const all = can(viewer, 'read_all');
	const events = await listEvents(db(), viewer, { about: 'all' });
	const jobcenters = all ? await listByName(db(), ['code', 'name']) : [];
	return {
		all,
		// Newest first: what was just recorded or is coming up is what one looks for.
		events: events.reverse().map((e) => ({ ...e, editable: mayEditEvent(viewer, e.jobcenterId) })),
		shownMax: EVENTS_SHOWN_MAX,
		jobcenters,
		kinds: [...EVENT_KINDS],
		latestMonth: addMonths(currentMonth(), 12),
		created: neu !== null,
		deleted: geloescht === 1
	};
};

/** The values as the form shows them again; each cut to its field's bound. */
function echo(f: FormData) {
	const raw = (name: string, max: number) => {
		const v = f.get(name);
		return typeof v === 'string' ? v.slice(0, max) : '';
	};
	return {
		monat: raw('monat', 20),
		art: raw('art', 20),
		titel: raw('titel', 120),
		notiz: raw('notiz', 500),
		kanal: raw('kanal', 20),
		jobcenter: raw('jobcenter', 20)
	};
}

export const actions: Actions = {
	add: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read');
		const f = await request.formData();
		const values = echo(f);
		const read = form(f, eventForm());
		if (!read.ok)
			return fail(400, { values, problem: { field: read.field, message: read.message } });
		const { monat, art, titel, notiz, kanal, jobcenter } = read.values;
		let jobcenterId = viewer.jobcenterId;
		if (can(viewer, 'read_all')) {
			const row = jobcenter ? await byCode(db(), jobcenter, ['id']) : null;
			if (jobcenter && !row)
				return fail(400, {
					values,
					problem: { field: 'jobcenter', message: m.event_unknown_jobcenter({ code: jobcenter }) }
				});
			jobcenterId = row?.id ?? null;
		}
		if (!mayEditEvent(viewer, jobcenterId))
			return fail(403, { values, problem: { field: 'jobcenter', message: m.error_403() } });
		const id = await addEvent(
			db(),
			{ jobcenterId, channel: kanal, month: monat, kind: art, title: titel, note: notiz },
			viewer.email
		);
		redirect(303, `/ereignisse?neu=${id}`);
	},

	delete: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read');
		const read = form(await request.formData(), { id: required(integer(1, ID_MAX)) });
		if (!read.ok || !(await deleteEvent(db(), viewer, read.values.id)))
			return fail(400, { deleteProblem: m.event_not_found() });
		redirect(303, '/ereignisse?geloescht=1');
	}
};
