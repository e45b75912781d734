/** Who and what a dashboard page shows: the viewer's jobcenter (or the analyst's choice) and the filters with defaults. */
import { error } from '@sveltejs/kit';
import { CHANNELS } from '$lib/channels';
import { m } from '$lib/paraglide/messages';
import { can, type Viewer } from '$lib/server/auth/authorise';
import { lastCompleteMonth } from '$lib/server/clock';
import type { Month } from '$lib/months';
import {
	defaultPeerGroup,
	groupPeriod,
	isPeerGroupName,
	parseChannels,
	PEER_GROUPS,
	peerSpec,
	validPeriod,
	type PeerGroupName
} from '$lib/server/kpi/request';
import type { KpiRequest } from '$lib/server/kpi/engine';
import type { DataSource, JobcenterRecord } from '$lib/server/kpi/source';
import type { DB } from '$lib/server/db';
import { getRound } from '$lib/server/rounds';
import { CLOSED } from '$lib/server/lifecycle';
import { snapshotSource } from '$lib/server/kpi/snapshot';

export interface View {
	all: boolean;
	self: JobcenterRecord | null;
	jobcenter: { code: string; name: string; ring: string | null } | null;
	options: {
		peers: string[];
		channels: { id: string; name: string }[];
		jobcenters: { code: string; name: string }[];
		rounds: { id: number; name: string }[];
	};
	filters: Filters | null;
	/** Where the figures come from: the live tables, or a closed round's frozen copy. */
	source: DataSource;
}

export interface Filters {
	from: Month;
	to: Month;
	peers: PeerGroupName;
	channels: string[];
	/** A benchlearning round sets the period and is the peer group at once. */
	round: { id: number; name: string; status: string; members: number[] } | null;
}

/** Reads and checks the query; a wrong value is a 400 with a sentence that names it. */
export function readFilters(params: URLSearchParams) {
	const peers = params.get('peers');
	if (peers && !isPeerGroupName(peers))
		error(400, { message: m.filter_bad_peers({ value: peers }) });
	const from = params.get('from');
	const to = params.get('to');
	if ((from || to) && !(from && to && validPeriod(from, to))) {
		error(400, { message: m.filter_bad_period() });
	}
	const { channels, unknown } = parseChannels(params.getAll('channel').join(','));
	if (unknown.length) error(400, { message: m.filter_bad_channel({ value: unknown.join(', ') }) });
	const roundText = params.get('round') || null;
	if (roundText !== null && !/^\d+$/.test(roundText)) {
		error(400, { message: m.filter_bad_round({ value: roundText }) });
	}
	const round = roundText === null ? null : Number(roundText);
	return { jc: params.get('jc'), from, to, peers: peers as PeerGroupName | null, channels, round };
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
	if (query.from && query.to)
		return { from: query.from, to: query.to, peers, channels: query.channels, round: null };
	const period = await groupPeriod(source, self, peerSpec(peers), notAfter);
	return period && { ...period, peers, channels: query.channels, round: null };
}

/** A jobcenter user always sees its own jobcenter; another `jc` is refused. Analysts choose with `jc`. */
export async function resolveView(
	db: DB,
	source: DataSource,
	viewer: Viewer,
	params: URLSearchParams
): Promise<View> {
	const all = can(viewer, 'read_all');
	const query = readFilters(params);
	const records = await source.jobcenters();
	const self =
		(all
			? query.jc
				? records.find((r) => r.code === query.jc)
				: undefined
			: records.find((r) => r.id === viewer.jobcenterId)) ?? null;
	if (!all && query.jc && query.jc !== self?.code) error(403, { message: m.error_403() });
	if (all && query.jc && !self)
		error(404, { message: m.dashboard_unknown_jobcenter({ code: query.jc }) });
	const options = {
		peers: PEER_GROUPS.filter((p) => p !== 'ring' || self?.ring),
		channels: CHANNELS.map((c) => ({ id: c.id, name: c.name })),
		jobcenters: all
			? records
					.filter((r) => r.active)
					.map((r) => ({ code: r.code, name: r.name }))
					.sort((a, b) => a.name.localeCompare(b.name, 'de'))
			: [],
		rounds: self ? await roundsOf(db, self.id) : []
	};
	if (!self) return { all, self, jobcenter: null, options, filters: null, source };
	const filters =
		query.round !== null
			? await roundFilters(db, self, query.round, query.channels)
			: await resolveFilters(source, self, query, lastCompleteMonth());
	const jobcenter = { code: self.code, name: self.name, ring: self.ring };
	// A closed round renders from its frozen copy: the participants as they were, their rows then.
	const frozen =
		filters?.round?.status === CLOSED ? await snapshotSource(db, filters.round.id) : null;
	if (frozen) {
		const then = (await frozen.jobcenters()).find((r) => r.id === self.id) ?? self;
		return { all, self: then, jobcenter, options, filters, source: frozen };
	}
	return { all, self, jobcenter, options, filters, source };
}

/** The rounds a jobcenter takes part in, newest first, for the filter. */
async function roundsOf(db: DB, jobcenterId: number) {
	const rounds = await db
		.selectFrom('round_member')
		.innerJoin('round', 'round.id', 'round_member.round_id')
		.select(['round.id', 'round.name'])
		.where('round_member.jobcenter_id', '=', jobcenterId)
		.orderBy('round.to_month', 'desc')
		.execute();
	return rounds;
}

async function roundFilters(
	db: DB,
	self: JobcenterRecord,
	id: number,
	channels: string[]
): Promise<Filters> {
	const round = await getRound(db, id);
	if (!round) error(404, { message: m.filter_unknown_round({ id: String(id) }) });
	const members = round.participants.map((p) => p.id);
	if (!members.includes(self.id))
		error(400, { message: m.filter_not_in_round({ name: round.name }) });
	const info = { id, name: round.name, status: round.status, members };
	return { from: round.from, to: round.to, peers: 'all', channels, round: info };
}

export function kpiRequest(self: JobcenterRecord, f: Filters): KpiRequest {
	return {
		jobcenterId: self.id,
		from: f.from,
		to: f.to,
		peers: f.round
			? { type: 'round', id: f.round.id, members: f.round.members }
			: peerSpec(f.peers),
		channels: f.channels.length ? f.channels : null
	};
}
