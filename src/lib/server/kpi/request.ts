/** Turns what a page or the CLI was asked (peer group name, period, channels) into an engine request, with defaults. */
import { CHANNEL_IDS } from '$lib/channels';
import { addMonths, type Month } from '$lib/months';
import { selectPeers, type PeerGroupSpec } from './peers';
import { elbAt, type DataSource, type JobcenterRecord } from './types';

export const PEER_GROUPS = ['ring', 'carrier', 'state', 'size', 'goals', 'all'] as const;
export type PeerGroupName = (typeof PEER_GROUPS)[number];

export const DEFAULT_MONTHS = 12;

/** The longest period the engine computes: 10 years. Pages refuse longer ones before they get here. */
export const PERIOD_MAX_MONTHS = 120;

export function isPeerGroupName(value: string): value is PeerGroupName {
	return (PEER_GROUPS as readonly string[]).includes(value);
}

/** The jobcenter's own ring when it has one, else all jobcenters. */
export function defaultPeerGroup(ring: string | null): PeerGroupName {
	return ring ? 'ring' : 'all';
}

export function peerSpec(name: PeerGroupName): PeerGroupSpec {
	return name === 'size' ? { type: 'size' } : { type: name };
}

/** The 12 months that end with the newest month for which the group has data (never after `notAfter`). */
export async function defaultPeriod(
	source: DataSource,
	memberIds: readonly number[],
	notAfter: Month,
	months = DEFAULT_MONTHS
): Promise<{ from: Month; to: Month } | null> {
	const to = await source.latestMonth(memberIds, notAfter);
	return to ? { from: addMonths(to, -(months - 1)), to } : null;
}

/**
 * The default period of a jobcenter within a peer group: the 12 months up to the group's newest
 * data (never after `notAfter`). The group is chosen as the engine chooses it: active members,
 * plus the jobcenter itself and a round's participants.
 */
export async function groupPeriod(
	source: DataSource,
	self: JobcenterRecord,
	peers: PeerGroupSpec,
	notAfter: Month
): Promise<{ from: Month; to: Month } | null> {
	const candidates = (await source.jobcenters())
		.filter((r) => r.active || r.id === self.id || peers.type === 'round')
		.map((r) => ({ ...r, elb: elbAt(r.elbHistory, notAfter) ?? NaN }));
	const own = candidates.find((c) => c.id === self.id)!;
	const members = selectPeers(candidates, own, peers) ?? [own];
	return defaultPeriod(
		source,
		members.map((c) => c.id),
		notAfter
	);
}

/** The period of equal length that ends right before this one, for "change against the previous period". */
export function previousPeriod(from: Month, to: Month): { from: Month; to: Month } {
	const [fy, fm] = from.split('-').map(Number);
	const [ty, tm] = to.split('-').map(Number);
	const length = (ty - fy) * 12 + (tm - fm) + 1;
	return { from: addMonths(from, -length), to: addMonths(from, -1) };
}

/** Channel ids from a comma list; unknown ones are returned separately so that the caller can say which. */
export function parseChannels(list: string): { channels: string[]; unknown: string[] } {
	const ids = list
		.split(',')
		.map((c) => c.trim())
		.filter(Boolean);
	return {
		channels: ids.filter((c) => (CHANNEL_IDS as string[]).includes(c)),
		unknown: ids.filter((c) => !(CHANNEL_IDS as string[]).includes(c))
	};
}
