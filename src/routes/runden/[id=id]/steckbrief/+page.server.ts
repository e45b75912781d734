import { error, fail } from '@sveltejs/kit';
import { CHANNELS } from '$lib/channels';
import { m } from '$lib/paraglide/messages';
import { authorise, type Viewer } from '$lib/server/auth/authorise';
import { CLOSED } from '$lib/server/lifecycle';
import { form, jobcenterCode, pathId, query, shown } from '$lib/server/params';
import {
	channelField,
	getProfile,
	GOALS,
	LONG_MAX,
	PROFILE_FORM,
	profileToInput,
	saveProfile,
	SHORT_MAX
} from '$lib/server/profiles/profiles';
import { getRound, readParticipant, roundReader, type Round } from '$lib/server/rounds';
import { db } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';
import { fieldLabel, isEmpty } from './fields';

/**
 * Whose profile the viewer edits: a jobcenter user its own (only in rounds it takes part in; other
 * rounds answer like missing ones), an analyst the participant named by `jc`.
 */
async function target(viewer: Viewer, idParam: string, jc: string | null) {
	const id = pathId(idParam);
	const round = id === null ? null : await getRound(db(), id);
	const reader = roundReader(viewer, round?.participants ?? null);
	if (!round || !reader) error(404, { message: m.round_not_found() });
	const jobcenter = readParticipant(reader, round.participants, jc);
	if (jobcenter === 'forbidden') error(403, { message: m.error_403() });
	if (jobcenter === 'not_participant')
		error(404, { message: m.report_not_participant({ code: shown(jc ?? '') }) });
	return { round, jobcenter, all: reader.all };
}

function roundHeader(round: Round) {
	return { id: round.id, name: round.name, from: round.from, to: round.to, status: round.status };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const viewer = authorise(locals, 'read');
	const { jc } = query(url.searchParams, { jc: jobcenterCode() });
	const { round, jobcenter, all } = await target(viewer, params.id, jc);
	// Without `jc`, analysts first choose whose profile to edit.
	if (!jobcenter) {
		return {
			round: roundHeader(round),
			jobcenter: null,
			choices: round.participants.map((p) => ({ code: p.code, name: p.name }))
		};
	}
	const profile = await getProfile(db(), round.id, jobcenter.id);
	return {
		round: roundHeader(round),
		jobcenter: { code: jobcenter.code, name: jobcenter.name },
		all,
		closed: round.status === CLOSED,
		choices: [],
		values: profileToInput(profile),
		updatedAt: profile?.updatedAt ?? null,
		goals: GOALS,
		max: { short: SHORT_MAX, long: LONG_MAX },
		channels: CHANNELS.map((c) => ({ id: c.id, name: c.name, field: channelField(c.id) }))
	};
};

/** What the user typed, to fill the form again after a refusal; cut so that an answer stays small. */
function echo(data: FormData): Record<string, string | string[]> {
	const values: Record<string, string | string[]> = {};
	for (const name of Object.keys(PROFILE_FORM)) {
		const sent = data.getAll(name).filter((v): v is string => typeof v === 'string');
		values[name] = name === 'goals' ? sent.slice(0, GOALS.length) : (sent[0] ?? '').slice(0, 5000);
	}
	return values;
}

export const actions: Actions = {
	speichern: async ({ locals, params, request, url }) => {
		const viewer = authorise(locals, 'read');
		const data = await request.formData();
		const read = form(data, PROFILE_FORM);
		if (!read.ok) {
			const message = m.profile_field_problem({
				field: fieldLabel(read.field),
				message: read.message
			});
			return fail(400, { field: read.field, message, values: echo(data) });
		}
		const input = read.values;
		// Analysts name the jobcenter in the form's address, as on the page itself.
		const { jc } = query(url.searchParams, { jc: jobcenterCode() });
		const { round, jobcenter } = await target(viewer, params.id, jc);
		if (!jobcenter)
			return fail(400, { field: null, message: m.profile_choose_jobcenter(), values: echo(data) });
		if (round.status === CLOSED)
			return fail(400, { field: null, message: m.profile_closed(), values: echo(data) });
		if (isEmpty(input))
			return fail(400, { field: null, message: m.profile_empty(), values: echo(data) });
		await saveProfile(db(), viewer, round.id, jobcenter.id, input);
		return { saved: true };
	}
};
