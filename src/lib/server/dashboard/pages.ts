/**
 * The loads of the dashboard pages, one function each, shared by the page and by its export, so that
 * a download holds exactly what the page shows a viewer with the same query, through the same layer.
 */
import { error, redirect } from '@sveltejs/kit';
import { CHANNELS } from '$lib/channels';
import { toSeries } from '$lib/charts/series';
import { addMonths, monthRange } from '$lib/months';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Viewer } from '$lib/server/auth/authorise';
import { currentMonth } from '$lib/server/clock';
import { followersByChannel, latestMonth, listJobcenters } from '$lib/server/db/overview';
import { chartEvents } from '$lib/server/events';
import { isKpiId, kpi, type KpiId } from '$lib/server/kpi/catalogue';
import { audienceOf, mapAxes, mapPoints } from '$lib/server/kpi/present';
import type { EventViewer } from '$lib/server/kpi/visibility';
import { choice, query, shown } from '$lib/server/params';
import { registerView } from '$lib/server/registerView';
import { db } from '$lib/server/startup';
import { channelView } from './channels';
import { detail } from './detail';
import { overview } from './overview';
import { dashboardLoad } from './page';
import { kpiRequest } from './view';

/** `/`: the analysts' register to pick from, or one jobcenter's KPI cards. */
export const overviewPage = (viewer: Viewer, url: URL) =>
	dashboardLoad(viewer, url, async ({ self, jobcenter, options, filters, source }, viewer) => {
		if (!self || !jobcenter)
			return { mode: 'picker' as const, ...(await picker(url.searchParams, viewer)) };
		if (!filters) return { mode: 'empty' as const, jobcenter, options };
		const result = await overview(source, viewer, self, filters);
		return { mode: 'overview' as const, jobcenter, options, filters, ...result };
	});

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

/** `/kpi/[id]`: one KPI in depth. Analysts first choose a jobcenter on the overview. */
export function detailPage(viewer: Viewer, url: URL, id: string) {
	if (!isKpiId(id)) error(404, { message: m.kpi_unknown({ id: shown(id) }) });
	return dashboardLoad(
		viewer,
		url,
		async ({ self, jobcenter, options, filters, source }, viewer) => {
			if (!self || !jobcenter) redirect(303, '/');
			if (!filters) return { jobcenter, options, filters, detail: null, events: [] };
			return {
				jobcenter,
				options,
				filters,
				detail: await detail(source, viewer, self, filters, id),
				events: await chartEvents(db(), viewer, self.id, filters.from, filters.to)
			};
		}
	);
}

/** `/karte`: the group's unlabelled points of two KPIs, the medians and the own point. */
export const mapPage = (viewer: Viewer, url: URL) =>
	dashboardLoad(viewer, url, async ({ self, jobcenter, options, filters, source }, viewer) => {
		if (!self || !jobcenter) redirect(303, '/');
		const audience = audienceOf(viewer.role);
		const { xs, ys } = mapAxes(audience);
		const chosen = query(url.searchParams, {
			x: choice(xs, () => m.map_bad_axis()),
			y: choice(ys, () => m.map_bad_axis())
		});
		const x = chosen.x ?? xs[0];
		const y = chosen.y ?? ys[0];

		const locale = getLocale() === 'en' ? 'en' : 'de';
		const label = (id: KpiId) => ({ id, label: kpi(id).label[locale], unit: kpi(id).unit });
		const axes = { x: label(x), y: label(y), xs: xs.map(label), ys: ys.map(label) };
		if (!filters) return { jobcenter, options, filters, axes, map: null };
		const map = await mapPoints(source, kpiRequest(self, filters), x, y, audience);
		return { jobcenter, options, filters, axes, map };
	});

/** `/kanaele`: each channel the jobcenter uses against the same channel of its group, and the mix. */
export const channelsPage = (viewer: Viewer, url: URL) =>
	dashboardLoad(viewer, url, async ({ self, jobcenter, options, filters, source }, viewer) => {
		if (!self || !jobcenter) redirect(303, '/');
		if (!filters) return { jobcenter, options, filters, view: null, events: [] };
		return {
			jobcenter,
			options,
			filters,
			view: await channelView(source, viewer, self, filters),
			events: await chartEvents(db(), viewer, self.id, filters.from, filters.to)
		};
	});
