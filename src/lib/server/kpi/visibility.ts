/**
 * What of a comparison a viewer may see: jobcenter users get no min/max and no peer statistics of raw
 * counts; a handout to all participants shows each one's figures as a jobcenter user may see a peer's.
 */
import type { Role } from '$lib/server/db/schema';
import type { Unit } from './catalogue';
import { withoutAnalystOnly, type PeerStats, type PublicPeerStats } from './stats';

/**
 * Units normalised by size or activity; a peer's raw counts (followers, hours …) stay hidden from
 * other jobcenters. An answer time is a typical wait per reply and says nothing about size.
 */
const NORMALISED: Unit[] = [
	'per_1000_elb',
	'pct',
	'per_post',
	'fte_per_10000_elb',
	'per_hour',
	'duration_hours'
];

export function isNormalised(unit: Unit): boolean {
	return NORMALISED.includes(unit);
}

export interface Visible {
	unit: Unit;
	peer: PeerStats | PublicPeerStats | null;
	percentile: number | null;
	quartile: number | null;
}

/** The comparison as this role may see it; `hidden` marks figures withheld because they are raw counts. */
export function forRole<T extends Visible & { peer: PeerStats | null }>(
	item: T,
	role: Role
): T & { hidden: boolean } {
	if (role !== 'jobcenter') return { ...item, hidden: false };
	if (!isNormalised(item.unit)) {
		return { ...item, peer: null, percentile: null, quartile: null, hidden: true } as T & { hidden: boolean };
	}
	return { ...(withoutAnalystOnly(item) as unknown as T), hidden: false };
}

/**
 * One participant's figure in a handout that goes to every participant, under a pseudonym: there each
 * value is a peer's, so it is shown only where a jobcenter user may see the peer statistics. Raw counts
 * are `hidden`, and a KPI with too few values (suppressed) shows no value, as it shows no quartiles.
 */
export function forHandout<
	T extends Visible & { peer: PeerStats | null; value: number | null; suppressed: boolean }
>(item: T): T & { hidden: boolean } {
	const shown = forRole(item, 'jobcenter');
	return shown.hidden || item.suppressed ? { ...shown, value: null } : shown;
}
