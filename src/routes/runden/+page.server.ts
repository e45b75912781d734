import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { audit } from '$lib/server/auth/audit';
import { authorise } from '$lib/server/auth/authorise';
import { closeRound, reopenRound } from '$lib/server/lifecycle';
import { createRound, getRound, listRounds, roundChoices, updateRound } from '$lib/server/rounds';
import { form, ID_MAX, integer, jobcenterCode, list, query, text } from '$lib/server/params';
import { db } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

/** Which round to edit, and which one the last action saved, closed or reopened. */
const PAGE_QUERY = {
	bearbeiten: integer(1, ID_MAX),
	gespeichert: integer(1, ID_MAX),
	abgeschlossen: integer(1, ID_MAX),
	geoeffnet: integer(1, ID_MAX)
};

export const load: PageServerLoad = async ({ locals, url }) => {
	authorise(locals, 'read_all');
	const ids = query(url.searchParams, PAGE_QUERY);
	const rounds = await listRounds(db());
	const nameOf = (id: number | null) => rounds.find((r) => r.id === id)?.name ?? null;
	return {
		rounds,
		choices: await roundChoices(db()),
		editing: ids.bearbeiten ? await getRound(db(), ids.bearbeiten) : null,
		saved: nameOf(ids.gespeichert),
		closed: nameOf(ids.abgeschlossen),
		reopened: nameOf(ids.geoeffnet)
	};
};

/** Generous bounds only; `createRound` says what is wrong with a value within them. */
const ROUND_FORM = {
	id: integer(1, ID_MAX, () => m.round_not_found()),
	name: text(1000),
	from: text(20),
	to: text(20),
	ring: text(200),
	// More codes than any register holds would only be work for the database.
	jobcenter: list(jobcenterCode(), 2000),
	predecessor: integer(1, ID_MAX, () => m.round_predecessor_unknown())
};

/** The values as the round form shows them again, with the first problem of their shape. */
function readInput(f: FormData) {
	const raw = (value: FormDataEntryValue | null) =>
		typeof value === 'string' ? value.slice(0, 1000) : '';
	const values = {
		name: raw(f.get('name')),
		from: raw(f.get('from')),
		to: raw(f.get('to')),
		ring: raw(f.get('ring')),
		jobcenters: f.getAll('jobcenter').slice(0, 2000).map(raw),
		predecessor: raw(f.get('predecessor'))
	};
	const read = form(f, ROUND_FORM);
	if (!read.ok) {
		const field =
			read.field === 'jobcenter' ? 'members' : read.field === 'id' ? 'round' : read.field;
		return { values, input: null, id: null, problem: { field, message: read.message } };
	}
	const { id, jobcenter, predecessor, ...rest } = read.values;
	return {
		values: {
			...rest,
			jobcenters: jobcenter,
			predecessor: predecessor === null ? '' : String(predecessor)
		},
		input: { ...rest, jobcenters: jobcenter, predecessor },
		id,
		problem: null
	};
}

/** The round id of a close or reopen form, or null for a missing or impossible one. */
function readId(f: FormData): number | null {
	const read = form(f, { id: integer(1, ID_MAX) });
	return read.ok ? read.values.id : null;
}

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read_all');
		const { values, input, problem } = readInput(await request.formData());
		if (problem || !input) return fail(400, { values, problems: problem ? [problem] : [] });
		const result = await createRound(db(), input, viewer.email);
		if (!result.ok) return fail(400, { values, problems: result.problems });
		await audit(db(), viewer, 'round_created', `${result.id}: ${values.name}`);
		redirect(303, `/runden?gespeichert=${result.id}`);
	},

	update: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read_all');
		const { values, input, id, problem } = readInput(await request.formData());
		if (problem || !input || id === null)
			return fail(400, {
				id,
				values,
				problems: [problem ?? { field: 'round', message: m.round_not_found() }]
			});
		const result = await updateRound(db(), id, input);
		if (!result.ok) return fail(400, { id, values, problems: result.problems });
		await audit(db(), viewer, 'round_updated', `${id}: ${input.name.trim()}`);
		redirect(303, `/runden?gespeichert=${id}`);
	},

	close: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read_all');
		const id = readId(await request.formData());
		if (id === null) return fail(400, { lifecycle: m.round_not_found() });
		const result = await closeRound(db(), id, viewer);
		if (!result.ok) return fail(400, { lifecycle: result.message });
		redirect(303, `/runden?abgeschlossen=${id}`);
	},

	reopen: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read_all');
		const id = readId(await request.formData());
		if (id === null) return fail(400, { lifecycle: m.round_not_found() });
		const result = await reopenRound(db(), id, viewer);
		if (!result.ok) return fail(400, { lifecycle: result.message });
		redirect(303, `/runden?geoeffnet=${id}`);
	}
};
