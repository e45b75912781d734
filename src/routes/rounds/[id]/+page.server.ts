import { error } from '@sveltejs/kit';
import { channelName } from '$lib/channels';
import { formatMonth } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';
import { authorise, can } from '$lib/server/auth/authorise';
import { snapshotInfo } from '$lib/server/kpi/snapshot';
import { CLOSED } from '$lib/server/lifecycle';
import { reminderLines, submissions } from '$lib/server/report/submissions';
import { getRound } from '$lib/server/rounds';
import { db } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const viewer = authorise(locals, 'read');
	const round = /^\d+$/.test(params.id) ? await getRound(db(), Number(params.id)) : null;
	if (!round) error(404, { message: m.round_unknown({ id: params.id }) });
	const all = can(viewer, 'read_all');
	// A jobcenter user sees the round only as a participant, and then only its own row.
	const participants = all
		? round.participants
		: round.participants.filter((p) => p.id === viewer.jobcenterId);
	if (participants.length === 0 && !all) error(403, { message: m.error_403() });
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
		byChannel: url.searchParams.get('kanaele') === '1',
		reminder
	};
};
