/** The channel view: per channel the jobcenter uses, followers and engagement rate against the peer median, and the mix. */
import { CHANNELS } from '$lib/channels';
import type { Viewer } from '$lib/server/auth/authorise';
import { kpi, type KpiId } from '$lib/server/kpi/catalogue';
import { computeKpis } from '$lib/server/kpi/compute';
import { series, type SeriesPoint } from '$lib/server/kpi/engine';
import type { DataSource, JobcenterRecord } from '$lib/server/kpi/types';
import { isNormalised } from '$lib/server/kpi/visibility';
import { kpiRequest, type Filters } from './view';

const PANEL_KPIS: KpiId[] = ['followers', 'engagement_rate_pct'];

/** Jobcenter users see the peer band only for normalised KPIs, like everywhere else. */
function visible(points: SeriesPoint[], id: KpiId, viewer: Viewer): SeriesPoint[] {
	if (viewer.role !== 'jobcenter' || isNormalised(kpi(id).unit)) return points;
	return points.map((p) => ({ ...p, p25: null, median: null, p75: null, n: 0, suppressed: true }));
}

export async function channelView(
	source: DataSource,
	viewer: Viewer,
	self: JobcenterRecord,
	f: Filters
) {
	const rows = (await source.metricRows([self.id], f.from, f.to, null)).get(self.id) ?? [];
	const chosen = f.channels.length ? f.channels : CHANNELS.map((c) => c.id as string);
	const used = CHANNELS.filter(
		(c) => chosen.includes(c.id) && rows.some((r) => r.channel === c.id)
	);
	const panels = [];
	for (const channel of used) {
		const request = { ...kpiRequest(self, f), channels: [channel.id] };
		const [followers, engagement] = await Promise.all(
			PANEL_KPIS.map(async (id) => visible(await series(source, request, id), id, viewer))
		);
		panels.push({ id: channel.id, name: channel.name, followers, engagement });
	}
	const scope = (id: string) => ({ from: f.from, to: f.to, channels: new Set([id]) });
	const mix = used.map((channel) => {
		const values = computeKpis(rows, scope(channel.id), null, source.settings, [
			'followers',
			'posts'
		]);
		return { id: channel.id, name: channel.name, followers: values.followers, posts: values.posts };
	});
	return { panels, mix };
}
