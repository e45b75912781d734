import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { authorise } from '$lib/server/auth/authorise';
import { today } from '$lib/server/clock';
import { labelled, roundChanges } from '$lib/server/report/change';
import { reportEvents } from '$lib/server/events';
import { roundContext } from '$lib/server/report/context';
import { jobcenterReport } from '$lib/server/report/jobcenterReport';
import { roundReport } from '$lib/server/report/roundReport';
import { readParticipant, roundReader } from '$lib/server/rounds';
import { choice, jobcenterCode, pathId, query, shown } from '$lib/server/params';
import { db, kpiSource } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

/** `?fassung=teilnehmende`: the round report for handing out, with pseudonyms only. */
const HANDOUT = 'teilnehmende';

/** `jc`: one participant's report; `druck=pdf`: without the page frame, for the PDF tool. */
const REPORT_QUERY = {
	jc: jobcenterCode(),
	fassung: choice([HANDOUT]),
	druck: choice(['pdf'])
};

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const viewer = authorise(locals, 'read');
	const id = pathId(params.id);
	const { jc, fassung, druck } = query(url.searchParams, REPORT_QUERY);
	const context = id === null ? null : await roundContext(db(), kpiSource(), id);
	const reader = roundReader(viewer, context?.participants ?? null);
	if (!context || !reader) error(404, { message: m.round_not_found() });
	const { all, own } = reader;
	const { round } = context;
	const header = {
		round: { id: round.id, name: round.name, from: round.from, to: round.to, status: round.status },
		closedAt: context.closedAt,
		members: context.participants.length,
		today: today(),
		all,
		// The PDF tool draws header and footer itself.
		plain: druck === 'pdf'
	};
	if (!all && own && fassung === HANDOUT && jc === null) {
		// The handout is for the participants: pseudonyms only, and what the presentation layer allows.
		return {
			...header,
			kind: 'round' as const,
			handout: true,
			report: await roundReport(context, true, own.id),
			changes: null,
			events: await reportEvents(db(), viewer, round, 'handout')
		};
	}
	const self = readParticipant(reader, context.participants, jc);
	if (self === 'forbidden') error(403, { message: m.error_403() });
	if (self === 'not_participant')
		error(404, { message: m.report_not_participant({ code: shown(jc ?? '') }) });
	// Jobcenter users open their own report and the handout only.
	if (!all && jc === null && self)
		redirect(303, `/runden/${round.id}/bericht?jc=${encodeURIComponent(self.code)}`);
	if (self) {
		return {
			...header,
			kind: 'jobcenter' as const,
			report: await jobcenterReport(db(), context, self),
			changes: await ownChanges(round.id, self.id),
			events: await reportEvents(db(), viewer, round, { jobcenter: self.id })
		};
	}
	const handout = fassung === HANDOUT;
	return {
		...header,
		kind: 'round' as const,
		handout,
		report: await roundReport(context, handout),
		changes: null,
		events: await reportEvents(
			db(),
			viewer,
			round,
			handout ? 'handout' : { participants: context.participants.map((p) => p.id) }
		)
	};
};

/** The participant's change against the round's predecessor, or null when the round names none. */
async function ownChanges(roundId: number, jobcenterId: number) {
	const found = await roundChanges(db(), kpiSource(), roundId, [jobcenterId]);
	if (!found) return null;
	const { name, from, to } = found.predecessor;
	const own = found.byJobcenter.get(jobcenterId) ?? null;
	return { predecessor: { name, from, to }, kpis: own && labelled(own) };
}
