import { error } from '@sveltejs/kit';
import { channelName } from '$lib/channels';
import { formatMonth } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';
import { authorise } from '$lib/server/auth/authorise';
import { snapshotInfo } from '$lib/server/kpi/snapshot';
import { CLOSED } from '$lib/server/lifecycle';
import { reminderLines, submissions } from '$lib/server/report/submissions';
import { getRound, readableParticipants, roundReader } from '$lib/server/rounds';
import { flag, pathId, query } from '$lib/server/params';
import { db } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const viewer = authorise(locals, 'read');
	const id = pathId(params.id);
	const { kanaele } = query(url.searchParams, { kanaele: flag() });
	const round = id === null ? null : await getRound(db(), id);
	// A jobcenter user sees the round only as a participant, and then only its own row. Any other
	// round is answered exactly like one that does not exist, so that round ids cannot be probed.
	const reader = roundReader(viewer, round?.participants ?? null);
	if (!round || !reader) error(404, { message: m.round_not_found() });
	const { all } = reader;
	const participants = readableParticipants(reader, round.participants);
	const { months, rows } = await submissions(db(), round, participants);
	const reminder = all
		? reminderLines(rows, (month) => formatMonth(month), {
				missing: m.submissions_missing_months(),
				partial: m.submissions_partial_months()
			}).join('\n')
		: '';
	return {
		round: { id: round.id, name: round.name, from: round.from, to: round.to, status: round.status },
		closedAt:
			round.status === CLOSED ? ((await snapshotInfo(db(), round.id))?.closedAt ?? null) : null,
		all,
		months,
		rows: rows.map((r) => ({ ...r, channelNames: r.channels.map(channelName) })),
		byChannel: kanaele,
		reminder
	};
};
