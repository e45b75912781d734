/**
 * What of a comparison a viewer may see: jobcenter users get no min/max and no peer statistics of raw
 * counts; a handout to all participants shows each one's figures as a jobcenter user may see a peer's;
 * other jobcenters appear only by pseudonym unless named to their ring.
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
		return { ...item, peer: null, percentile: null, quartile: null, hidden: true } as T & {
			hidden: boolean;
		};
	}
	return { ...(withoutAnalystOnly(item) as unknown as T), hidden: false };
}

/** Who looks at events, and about which jobcenter (null: a view of no single jobcenter). */
export interface EventViewer {
	role: Role;
	jobcenterId: number | null;
}

/**
 * The jobcenters whose own events a viewer sees besides the events for everyone: analysts those of
 * the jobcenter they look at (`'all'` for every one), a jobcenter user only its own, and never a
 * peer's, whatever it asks for.
 */
export function eventJobcenters(
	viewer: EventViewer,
	about: number | 'all' | null
): number[] | 'all' {
	if (viewer.role !== 'jobcenter') return about === null ? [] : about === 'all' ? 'all' : [about];
	const own = viewer.jobcenterId;
	return own !== null && (about === own || about === 'all') ? [own] : [];
}

/** Analysts record and delete events for everyone and for any jobcenter; a jobcenter user only its own. */
export function mayEditEvent(viewer: EventViewer, eventJobcenterId: number | null): boolean {
	if (viewer.role !== 'jobcenter') return true;
	return viewer.jobcenterId !== null && eventJobcenterId === viewer.jobcenterId;
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

/** A round member as the reports and profiles know it. */
export interface Member {
	name: string;
	ring: string | null;
	/** Agreed to be shown by name to the members of its own ring (`/konto`). */
	showNameToRing: boolean;
	/** "Jobcenter A" */
	pseudonym: string;
}

/**
 * How a member appears to a viewer: analysts (`all`) see every name; a jobcenter sees a name only
 * where the member opted in and both are in the same ring, else the pseudonym.
 */
export function memberLabel(
	member: Member,
	viewer: { all: boolean; ring: string | null }
): { label: string; named: boolean } {
	const named =
		viewer.all || (member.showNameToRing && member.ring !== null && member.ring === viewer.ring);
	return { label: named ? member.name : member.pseudonym, named };
}
