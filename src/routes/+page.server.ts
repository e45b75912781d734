import { CHANNELS } from '$lib/channels';
import { toSeries } from '$lib/charts/series';
import { addMonths, monthRange } from '$lib/months';
import { currentMonth } from '$lib/server/clock';
import { overview } from '$lib/server/dashboard/overview';
import { authorise } from '$lib/server/auth/authorise';
import { dashboardLoad } from '$lib/server/dashboard/page';
import { followersByChannel, latestMonth, listJobcenters } from '$lib/server/db/overview';
import { chartEvents } from '$lib/server/events';
import { registerView } from '$lib/server/registerView';
import { db } from '$lib/server/startup';
import type { EventViewer } from '$lib/server/kpi/visibility';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	dashboardLoad(
		authorise(locals, 'read'),
		url,
		async ({ self, jobcenter, options, filters, source }, viewer) => {
			if (!self || !jobcenter)
				return { mode: 'picker' as const, ...(await picker(url.searchParams, viewer)) };
			if (!filters) return { mode: 'empty' as const, jobcenter, options };
			const result = await overview(source, viewer, self, filters);
			return { mode: 'overview' as const, jobcenter, options, filters, ...result };
		}
	);

/** Analysts without a chosen jobcenter: one page of the register to pick from and the totals of all channels. */
async function picker(params: URLSearchParams, viewer: EventViewer) {
	const register = await registerView(db(), params, {}, (filter, page) =>
		listJobcenters(db(), filter, page)
	);
	const to = await latestMonth(db(), currentMonth());
	if (!to) return { register, period: null, series: [], events: [] };
	const from = addMonths(to, -23);
	const months = monthRange(from, to);
	const rows = await followersByChannel(db(), from, to);
	const series = toSeries(
		rows,
		months,
		(r) => r.channel_id,
		(r) => r.month,
		(r) => r.followers,
		[...CHANNELS]
	);
	// The totals are of every jobcenter, so only the events for everyone belong on them.
	const events = await chartEvents(db(), viewer, null, from, to);
	return { register, period: { from, to, months }, series, events };
}
