/** The KPI overview of one jobcenter: filters with defaults, the comparison, the previous period and sparklines. */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Month } from '$lib/months';
import type { Viewer } from '$lib/server/auth/authorise';
import { KPIS, type KpiId } from '$lib/server/kpi/catalogue';
import { computeMonthlyKpis } from '$lib/server/kpi/compute';
import { compare, KpiRequestError, type KpiRequest } from '$lib/server/kpi/engine';
import {
	defaultPeerGroup,
	defaultPeriod,
	isPeerGroupName,
	parseChannels,
	peerSpec,
	previousPeriod,
	validPeriod,
	type PeerGroupName
} from '$lib/server/kpi/request';
import { selectPeers } from '$lib/server/kpi/peers';
import { elbAt, type DataSource, type JobcenterRecord } from '$lib/server/kpi/source';
import { forRole } from '$lib/server/kpi/visibility';

export interface Filters {
	from: Month;
	to: Month;
	peers: PeerGroupName;
	channels: string[];
}

/** Reads and checks the query; a wrong value is a 400 with a sentence that names it. */
export function readFilters(params: URLSearchParams) {
	const peers = params.get('peers');
	if (peers && !isPeerGroupName(peers)) error(400, { message: m.filter_bad_peers({ value: peers }) });
	const from = params.get('from');
	const to = params.get('to');
	if ((from || to) && !(from && to && validPeriod(from, to))) {
		error(400, { message: m.filter_bad_period() });
	}
	const { channels, unknown } = parseChannels(params.getAll('channel').join(','));
	if (unknown.length) error(400, { message: m.filter_bad_channel({ value: unknown.join(', ') }) });
	return { jc: params.get('jc'), from, to, peers: peers as PeerGroupName | null, channels };
}

export type Query = ReturnType<typeof readFilters>;

/** Fills the gaps of the query with the defaults: own ring (or all) and the 12 months up to the latest data. */
export async function resolveFilters(
	source: DataSource,
	self: JobcenterRecord,
	query: Query,
	notAfter: Month
): Promise<Filters | null> {
	const peers = query.peers ?? defaultPeerGroup(self.ring);
	if (query.from && query.to) return { from: query.from, to: query.to, peers, channels: query.channels };
	const all = await source.jobcenters();
	const candidates = all.map((r) => ({ ...r, elb: elbAt(r.elbHistory, notAfter) ?? NaN }));
	const self_ = candidates.find((c) => c.id === self.id)!;
	const members = selectPeers(candidates, self_, peerSpec(peers)) ?? [self_];
	const period = await defaultPeriod(source, members.map((c) => c.id), notAfter);
	return period && { ...period, peers, channels: query.channels };
}

function request(self: JobcenterRecord, f: Filters, from = f.from, to = f.to): KpiRequest {
	return { jobcenterId: self.id, from, to, peers: peerSpec(f.peers), channels: f.channels.length ? f.channels : null };
}

export async function overview(source: DataSource, viewer: Viewer, self: JobcenterRecord, f: Filters) {
	let now;
	try {
		now = await compare(source, request(self, f));
	} catch (e) {
		if (e instanceof KpiRequestError && e.problem === 'no_group') {
			error(400, { message: m.filter_no_ring() });
		}
		throw e;
	}
	const previous = previousPeriod(f.from, f.to);
	const before = await compare(source, request(self, f, previous.from, previous.to));
	const rows = (await source.metricRows([self.id], f.from, f.to, request(self, f).channels ?? null)).get(self.id) ?? [];
	const scope = { from: f.from, to: f.to, channels: f.channels.length ? new Set(f.channels) : null };
	const monthly = computeMonthlyKpis(rows, scope, (month) => elbAt(self.elbHistory, month), source.settings);
	const locale = getLocale() === 'en' ? 'en' : 'de';

	const cards = now.kpis.map((k, i) => {
		const shown = forRole(k, viewer.role);
		const def = KPIS[i];
		const old = before.kpis[i].value;
		return {
			id: k.id as KpiId,
			area: k.area,
			unit: k.unit,
			better: k.better,
			label: def.label[locale],
			value: k.value,
			median: shown.peer?.median ?? null,
			p25: shown.peer?.p25 ?? null,
			p75: shown.peer?.p75 ?? null,
			percentile: shown.percentile,
			quartile: shown.quartile,
			suppressed: k.suppressed && !shown.hidden,
			hidden: shown.hidden,
			n: k.n,
			previous: old,
			change: k.value !== null && old !== null && old !== 0 ? ((k.value - old) / Math.abs(old)) * 100 : null,
			spark: [...monthly.values()].map((v) => v[k.id as KpiId])
		};
	});
	return { period: now.period, members: now.peers.members, previous, months: [...monthly.keys()], cards };
}
