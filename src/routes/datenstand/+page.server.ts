import { error } from '@sveltejs/kit';
import { addMonths } from '$lib/months';
import { m } from '$lib/paraglide/messages';
import { authorise } from '$lib/server/auth/authorise';
import { lastCompleteMonth } from '$lib/server/clock';
import { dataStatus } from '$lib/server/dataStatus';
import {
	choice,
	flag,
	ID_MAX,
	integer,
	month,
	periodProblem,
	query,
	shown
} from '$lib/server/params';
import { getRound, listRounds, roundChoices } from '$lib/server/rounds';
import { db } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

/** Without a period or round: the twelve complete months up to last month. */
const DEFAULT_MONTHS = 12;

export const load: PageServerLoad = async ({ locals, url }) => {
	authorise(locals, 'read_all');
	const { rings } = await roundChoices(db());
	const q = query(url.searchParams, {
		ring: choice(rings, (value) => m.data_status_bad_ring({ value: shown(value) })),
		runde: integer(1, ID_MAX, (value) => m.filter_bad_round({ value: shown(value) })),
		von: month(),
		bis: month(),
		luecken: flag()
	});
	const latest = lastCompleteMonth();
	if ((q.von || q.bis) && !(q.von && q.bis)) error(400, { message: m.filter_bad_period() });
	const round = q.runde === null ? null : await getRound(db(), q.runde);
	if (q.runde !== null && !round) error(404, { message: m.round_not_found() });
	// A round brings its own period; otherwise the chosen one, bounded like every period.
	const from = round?.from ?? q.von ?? addMonths(latest, 1 - DEFAULT_MONTHS);
	const to = round?.to ?? q.bis ?? latest;
	const problem = round ? null : periodProblem(from, to, latest);
	if (problem) error(400, { message: problem });
	const status = await dataStatus(db(), {
		ring: q.ring,
		members: round ? round.participants.map((p) => p.id) : null,
		from,
		to
	});
	const rows = q.luecken ? status.rows.filter((r) => r.gaps > 0) : status.rows;
	return {
		filters: { ring: q.ring, round: q.runde, from, to, gapsOnly: q.luecken },
		rings,
		rounds: (await listRounds(db())).map((r) => ({ id: r.id, name: r.name })),
		roundName: round?.name ?? null,
		months: status.months,
		rows,
		total: status.rows.length,
		withGaps: status.rows.filter((r) => r.gaps > 0).length
	};
};
