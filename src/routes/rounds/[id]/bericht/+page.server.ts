import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { authorise, can } from '$lib/server/auth/authorise';
import { today } from '$lib/server/clock';
import { roundContext } from '$lib/server/report/context';
import { jobcenterReport } from '$lib/server/report/jobcenterReport';
import { roundReport } from '$lib/server/report/roundReport';
import { db, kpiSource } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

/** `?fassung=teilnehmende`: the round report for handing out, with pseudonyms only. */
const HANDOUT = 'teilnehmende';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const viewer = authorise(locals, 'read');
	const id = /^\d+$/.test(params.id) ? Number(params.id) : NaN;
	const context = Number.isNaN(id) ? null : await roundContext(db(), kpiSource(), id);
	if (!context) error(404, { message: m.round_unknown({ id: params.id }) });
	const { round } = context;
	const all = can(viewer, 'read_all');
	const jc = url.searchParams.get('jc');
	const header = {
		round: { id: round.id, name: round.name, from: round.from, to: round.to, status: round.status },
		closedAt: context.closedAt,
		members: context.participants.length,
		today: today(),
		all,
		// The PDF tool draws header and footer itself.
		plain: url.searchParams.get('druck') === 'pdf'
	};
	if (!all) {
		// Jobcenter users open their own report only.
		const own = context.participants.find((p) => p.id === viewer.jobcenterId);
		if (!own) error(403, { message: m.error_403() });
		if (jc === null)
			redirect(303, `/rounds/${round.id}/bericht?jc=${encodeURIComponent(own.code)}`);
		if (jc !== own.code) error(403, { message: m.error_403() });
	}
	if (jc !== null) {
		const self = context.participants.find((p) => p.code === jc);
		if (!self) error(404, { message: m.report_not_participant({ code: jc }) });
		return {
			...header,
			kind: 'jobcenter' as const,
			report: await jobcenterReport(db(), context, self)
		};
	}
	const handout = url.searchParams.get('fassung') === HANDOUT;
	return {
		...header,
		kind: 'round' as const,
		handout,
		report: await roundReport(context, handout)
	};
};
