/** Who and what a dashboard page shows: the viewer's jobcenter (or the analyst's choice) and the filters with defaults. */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { can, type Viewer } from '$lib/server/auth/authorise';
import { lastCompleteMonth } from '$lib/server/clock';
import type { Month } from '$lib/months';
import { CHANNEL_IDS, CHANNELS } from '$lib/channels';
import {
	defaultPeerGroup,
	groupPeriod,
	PEER_GROUPS,
	peerSpec,
	type PeerGroupName
} from '$lib/server/kpi/request';
import {
	choice,
	ID_MAX,
	integer,
	jobcenterCode,
	list,
	month,
	periodProblem,
	query,
	shown
} from '$lib/server/params';
import type { KpiRequest } from '$lib/server/kpi/engine';
import type { DataSource, JobcenterRecord } from '$lib/server/kpi/types';
import type { DB } from '$lib/server/db';
import { getRound, participantOf } from '$lib/server/rounds';
import { liveSourceOf, sourceFor } from '$lib/server/kpi/sources';

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
}

export interface Filters {
	from: Month;
	to: Month;
	peers: PeerGroupName;
	channels: string[];
	/** A benchlearning round sets the period and is the peer group at once. */
	round: { id: number; name: string; status: string; members: number[] } | null;
}

/**
 * The dashboard's query: the jobcenter (analysts), the period, peer group, channels and round. The
 * names are German like the paths (see legacyPaths.ts for the old English ones and their redirect).
 */
const FILTERS = {
	jc: jobcenterCode(),
	von: month(),
	bis: month(),
	vergleich: choice(PEER_GROUPS, (value) => m.filter_bad_peers({ value: shown(value) })),
	kanal: list(
		choice(CHANNEL_IDS, (value) => m.filter_bad_channel({ value: shown(value) })),
		CHANNEL_IDS.length,
		{ split: true }
	),
	runde: integer(1, ID_MAX, (value) => m.filter_bad_round({ value: shown(value) }))
};

/** Reads and checks the query; a wrong value is a 400 with a sentence that names it. */
export function readFilters(params: URLSearchParams, latest: Month = lastCompleteMonth()) {
	const { jc, von: from, bis: to, vergleich: peers, kanal, runde: round } = query(params, FILTERS);
	if ((from || to) && !(from && to)) error(400, { message: m.filter_bad_period() });
	const problem = from && to ? periodProblem(from, to, latest) : null;
	if (problem) error(400, { message: problem });
	return { jc, from, to, peers, channels: kanal as string[], round };
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
export async function resolveView(db: DB, viewer: Viewer, params: URLSearchParams): Promise<View> {
	const source = liveSourceOf(db);
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
		// A group the jobcenter has none of is not offered: no ring, or no profile with goals.
		peers: PEER_GROUPS.filter(
			(p) => (p !== 'ring' || self?.ring) && (p !== 'goals' || self?.goals?.length)
		),
		channels: CHANNELS.map((c) => ({ id: c.id, name: c.name })),
		jobcenters: all
			? records
					.filter((r) => r.active)
					.map((r) => ({ code: r.code, name: r.name }))
					.sort((a, b) => a.name.localeCompare(b.name, 'de'))
			: [],
		rounds: self ? await roundsOf(db, self.id) : []
	};
	if (!self) return { all, self, jobcenter: null, options, filters: null };
	const filters =
		query.round !== null
			? await roundFilters(db, self, query.round, query.channels)
			: await resolveFilters(source, self, query, lastCompleteMonth());
	const jobcenter = { code: self.code, name: self.name, ring: self.ring };
	return { all, self, jobcenter, options, filters };
}

/**
 * Where a view's figures come from, and its jobcenter there: a closed round renders from its
 * frozen copy, with the jobcenter and its participants as they were then.
 */
export async function viewSource(
	db: DB,
	self: JobcenterRecord,
	filters: Filters | null
): Promise<{ source: DataSource; self: JobcenterRecord }> {
	const source = await sourceFor(db, filters?.round);
	const then = (await source.jobcenters()).find((r) => r.id === self.id);
	return { source, self: then ?? self };
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
	// A round the jobcenter is not in is refused exactly like one that does not exist: same status,
	// same sentence, no name, so that round ids cannot be probed.
	if (!round || !participantOf(round.participants, self.id))
		error(404, { message: m.round_not_found() });
	const members = round.participants.map((p) => p.id);
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
