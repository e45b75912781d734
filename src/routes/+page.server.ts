import { error } from '@sveltejs/kit';
import { CHANNELS } from '$lib/channels';
import { toSeries } from '$lib/charts/series';
import { addMonths, monthRange } from '$lib/months';
import { m } from '$lib/paraglide/messages';
import { authorise, can } from '$lib/server/auth/authorise';
import { currentMonth, lastCompleteMonth } from '$lib/server/clock';
import { overview, readFilters, resolveFilters } from '$lib/server/dashboard/overview';
import { followersByChannel, latestMonth, listJobcenters } from '$lib/server/db/overview';
import { PEER_GROUPS } from '$lib/server/kpi/request';
import { db, kpiSource } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = authorise(locals, 'read');
	const all = can(viewer, 'read_all');
	const query = readFilters(url.searchParams);
	const records = await kpiSource().jobcenters();
	const self = all
		? query.jc
			? records.find((r) => r.code === query.jc)
			: undefined
		: records.find((r) => r.id === viewer.jobcenterId);
	// A jobcenter user sees only its own jobcenter; any other `jc` is refused like an unknown one.
	if (!all && query.jc && query.jc !== self?.code) error(403, { message: m.error_403() });
	if (all && query.jc && !self) error(404, { message: m.dashboard_unknown_jobcenter({ code: query.jc }) });
	if (!self) return { mode: 'picker' as const, ...(await picker()) };

	const jobcenter = { code: self.code, name: self.name, ring: self.ring };
	const options = {
		peers: PEER_GROUPS.filter((p) => p !== 'ring' || self.ring),
		channels: CHANNELS.map((c) => ({ id: c.id, name: c.name })),
		jobcenters: all ? records.filter((r) => r.active).map((r) => ({ code: r.code, name: r.name })).sort((a, b) => a.name.localeCompare(b.name, 'de')) : []
	};
	const filters = await resolveFilters(kpiSource(), self, query, lastCompleteMonth());
	if (!filters) return { mode: 'empty' as const, jobcenter, options };
	const result = await overview(kpiSource(), viewer, self, filters);
	return { mode: 'overview' as const, jobcenter, options, filters, ...result };
};

/** Analysts without a chosen jobcenter: the register to pick from and the totals of all channels. */
async function picker() {
	const jobcenters = await listJobcenters(db());
	const to = await latestMonth(db(), currentMonth());
	if (!to) return { jobcenters, period: null, series: [] };
	const from = addMonths(to, -23);
	const months = monthRange(from, to);
	const rows = await followersByChannel(db(), from, to);
	const series = toSeries(rows, months, (r) => r.channel_id, (r) => r.month, (r) => r.followers, [...CHANNELS]);
	return { jobcenters, period: { from, to, months }, series };
}
