/** The channel view: per channel the jobcenter uses, followers and engagement rate against the peer median, and the mix. */
import { CHANNELS } from '$lib/channels';
import type { Viewer } from '$lib/server/auth/authorise';
import type { KpiId } from '$lib/server/kpi/catalogue';
import { audienceOf, ownTotals, shownSeries } from '$lib/server/kpi/present';
import type { DataSource, JobcenterRecord } from '$lib/server/kpi/types';
import { kpiRequest, type Filters } from './view';

const PANEL_KPIS: KpiId[] = ['followers', 'engagement_rate_pct'];

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
			PANEL_KPIS.map((id) => shownSeries(source, request, id, audienceOf(viewer.role)))
		);
		panels.push({ id: channel.id, name: channel.name, followers, engagement });
	}
	const scope = (id: string) => ({ from: f.from, to: f.to, channels: new Set([id]) });
	const mix = used.map((channel) => {
		const values = ownTotals(rows, scope(channel.id), source, ['followers', 'posts']);
		return { id: channel.id, name: channel.name, followers: values.followers, posts: values.posts };
	});
	return { panels, mix };
}
