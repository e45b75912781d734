/**
 * The loads of the dashboard pages, one function each over the view the `(dashboard)` layout
 * resolved, shared by the page and by its export, so that a download holds exactly what the page
 * shows a viewer with the same query, through the same layer.
 */
import { error } from '@sveltejs/kit';
import { CHANNELS } from '$lib/channels';
import { toSeries } from '$lib/charts/series';
import { addMonths, monthRange } from '$lib/months';
import { m } from '$lib/paraglide/messages';
import { uiLocale } from '$lib/i18n/locale';
import type { Viewer } from '$lib/server/auth/authorise';
import { currentMonth } from '$lib/server/clock';
import { keptTotals, latestMonth, listJobcenters } from '$lib/server/db/overview';
import { chartEvents } from '$lib/server/events';
import { isKpiId, kpi, type KpiId } from '$lib/server/kpi/catalogue';
import { audienceOf, mapAxes, mapPoints } from '$lib/server/kpi/present';
import { dataVersion } from '$lib/server/kpi/version';
import type { EventViewer } from '$lib/server/kpi/visibility';
import { choice, query, shown } from '$lib/server/params';
import { registerView } from '$lib/server/registerView';
import { db } from '$lib/server/startup';
import { channelView } from './channels';
import { detail } from './detail';
import { overview } from './overview';
import { chosen, dashboardView, refusing } from './page';
import { kpiRequest, type View } from './view';

/** The view with what a page adds to it; what the page narrows (its jobcenter, its filters) wins. */
type Whole<T> = T extends unknown ? Omit<View, keyof T> & T : never;

/** A page's whole data, as its export needs it: the view and what the page adds to it. */
async function whole<T>(viewer: Viewer, url: URL, data: (view: View) => Promise<T>) {
	const view = await dashboardView(viewer, url);
	return { ...view, ...(await data(view)) } as Whole<T>;
}

/** `/`: the analysts' register to pick from, or one jobcenter's KPI cards. */
export const overviewData = (view: View, viewer: Viewer, url: URL) =>
	refusing(view.filters, async () => {
		if (!view.self || !view.jobcenter)
			return { mode: 'picker' as const, ...(await picker(url.searchParams, viewer)) };
		const { jobcenter, filters } = view;
		if (!filters) return { mode: 'empty' as const, jobcenter };
		const { source, self } = await chosen(view);
		const result = await overview(source, viewer, self, filters);
		return { mode: 'overview' as const, jobcenter, filters, ...result };
	});

export const overviewPage = (viewer: Viewer, url: URL) =>
	whole(viewer, url, (view) => overviewData(view, viewer, url));

const nationalFollowers = keptTotals(dataVersion);

/** Analysts without a chosen jobcenter: one page of the register to pick from and the totals of all channels. */
async function picker(params: URLSearchParams, viewer: EventViewer) {
	const register = await registerView(db(), params, {}, (filter, page) =>
		listJobcenters(db(), filter, page)
	);
	const to = await latestMonth(db(), currentMonth());
	if (!to) return { register, period: null, series: [], events: [] };
	const from = addMonths(to, -23);
	const months = monthRange(from, to);
	const rows = await nationalFollowers(db(), from, to);
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

/** The KPI of `/kpi/[id]`; an id the catalogue does not know is a 404 that names it. */
export function kpiId(id: string): KpiId {
	if (!isKpiId(id)) error(404, { message: m.kpi_unknown({ id: shown(id) }) });
	return id;
}

/** `/kpi/[id]`: one KPI in depth. Analysts first choose a jobcenter on the overview. */
export const detailData = (view: View, viewer: Viewer, id: KpiId) =>
	refusing(view.filters, async () => {
		const { jobcenter, source, self } = await chosen(view);
		const { filters } = view;
		if (!filters) return { jobcenter, detail: null, events: [] };
		return {
			jobcenter,
			detail: await detail(source, viewer, self, filters, id),
			events: await chartEvents(db(), viewer, self.id, filters.from, filters.to)
		};
	});

export function detailPage(viewer: Viewer, url: URL, id: string) {
	const kpi = kpiId(id);
	return whole(viewer, url, (view) => detailData(view, viewer, kpi));
}

/** `/karte`: the group's unlabelled points of two KPIs, the medians and the own point. */
export const mapData = (view: View, viewer: Viewer, url: URL) =>
	refusing(view.filters, async () => {
		const { jobcenter, source, self } = await chosen(view);
		const { filters } = view;
		const audience = audienceOf(viewer.role);
		const { xs, ys } = mapAxes(audience);
		const chosenAxes = query(url.searchParams, {
			x: choice(xs, () => m.map_bad_axis()),
			y: choice(ys, () => m.map_bad_axis())
		});
		const x = chosenAxes.x ?? xs[0];
		const y = chosenAxes.y ?? ys[0];

		const locale = uiLocale();
		const label = (id: KpiId) => ({ id, label: kpi(id).label[locale], unit: kpi(id).unit });
		const axes = { x: label(x), y: label(y), xs: xs.map(label), ys: ys.map(label) };
		if (!filters) return { jobcenter, axes, map: null };
		const map = await mapPoints(source, kpiRequest(self, filters), x, y, audience);
		return { jobcenter, axes, map };
	});

export const mapPage = (viewer: Viewer, url: URL) =>
	whole(viewer, url, (view) => mapData(view, viewer, url));

/** `/kanaele`: each channel the jobcenter uses against the same channel of its group, and the mix. */
export const channelsData = (view: View, viewer: Viewer) =>
	refusing(view.filters, async () => {
		const { jobcenter, source, self } = await chosen(view);
		const { filters } = view;
		if (!filters) return { jobcenter, view: null, events: [] };
		return {
			jobcenter,
			view: await channelView(source, viewer, self, filters),
			events: await chartEvents(db(), viewer, self.id, filters.from, filters.to)
		};
	});

export const channelsPage = (viewer: Viewer, url: URL) =>
	whole(viewer, url, (view) => channelsData(view, viewer));
