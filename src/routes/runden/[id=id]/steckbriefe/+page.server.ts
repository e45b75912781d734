import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { authorise } from '$lib/server/auth/authorise';
import { CLOSED } from '$lib/server/lifecycle';
import { pathId } from '$lib/server/params';
import { roundContext } from '$lib/server/report/context';
import { roundProfiles, visibleProfiles } from '$lib/server/profiles/profiles';
import { roundReader } from '$lib/server/rounds';
import { db, kpiSource } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const viewer = authorise(locals, 'read');
	const id = pathId(params.id);
	const context = id === null ? null : await roundContext(db(), kpiSource(), id);
	const reader = roundReader(viewer, context?.participants ?? null);
	if (!context || !reader) error(404, { message: m.round_not_found() });
	const { all, own } = reader;
	const { round, participants } = context;
	const stored = await roundProfiles(db(), round.id);
	const profiles = visibleProfiles(participants, stored, { all, jobcenterId: viewer.jobcenterId });
	return {
		round: { id: round.id, name: round.name, from: round.from, to: round.to },
		closed: round.status === CLOSED,
		all,
		profiles,
		ownMissing: !!own && !stored.has(own.id),
		// Only analysts get codes, to open a participant's form.
		codes: all
			? Object.fromEntries(participants.map((p) => [p.name, p.code]))
			: ({} as Record<string, string>),
		missing: all
			? participants.filter((p) => !stored.has(p.id)).map((p) => ({ code: p.code, name: p.name }))
			: []
	};
};
