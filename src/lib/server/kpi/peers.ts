/** Pure selection of a jobcenter's peer group from the register: ring, carrier, Land, size, same goals, all or a round. */

export interface PeerCandidate {
	id: number;
	code: string;
	state: string;
	carrier: string;
	/** The eLb valid in the last month of the period. */
	elb: number;
	ring: string | null;
	/** The goals of its latest practice profile; absent or empty without one. */
	goals?: readonly string[];
}

export type PeerGroupSpec =
	| { type: 'ring' | 'carrier' | 'state' | 'all' | 'goals' }
	| { type: 'size'; k?: number }
	| { type: 'round'; id: number; members: readonly number[] };

export const SIZE_NEIGHBOURS = 10;

/** The name scripts and the CLI use for a group: `ring`, `size`, `round:7`, … */
export function groupName(spec: PeerGroupSpec): string {
	return spec.type === 'round' ? `round:${spec.id}` : spec.type;
}

/**
 * The group's members, `self` included, sorted by code; null when the group does not exist for
 * `self` (no ring, no goals, or not a participant of the round) so that the caller can say why.
 */
export function selectPeers(
	candidates: readonly PeerCandidate[],
	self: PeerCandidate,
	spec: PeerGroupSpec
): PeerCandidate[] | null {
	let members: PeerCandidate[];
	switch (spec.type) {
		case 'ring':
			if (self.ring === null) return null;
			members = candidates.filter((c) => c.ring === self.ring);
			break;
		case 'carrier':
			members = candidates.filter((c) => c.carrier === self.carrier);
			break;
		case 'state':
			members = candidates.filter((c) => c.state === self.state);
			break;
		case 'all':
			members = [...candidates];
			break;
		case 'goals': {
			// "gleiche Ziele": everyone sharing at least one goal; none without a profile with goals.
			const own = new Set(self.goals ?? []);
			if (own.size === 0) return null;
			members = candidates.filter((c) => (c.goals ?? []).some((g) => own.has(g)));
			break;
		}
		case 'size':
			members = nearestBySize(candidates, self, spec.k ?? SIZE_NEIGHBOURS);
			break;
		case 'round': {
			if (!spec.members.includes(self.id)) return null;
			const ids = new Set(spec.members);
			members = candidates.filter((c) => ids.has(c.id));
		}
	}
	if (!members.some((c) => c.id === self.id)) members.push(self);
	return members.sort(byCode);
}

/** The k others closest in size on a log scale (so 10,000 vs 20,000 is as far as 50,000 vs 100,000). */
function nearestBySize(
	candidates: readonly PeerCandidate[],
	self: PeerCandidate,
	k: number
): PeerCandidate[] {
	// |ln a − ln b| orders like max/min, and the quotient keeps exact ties (10k and 40k around 20k)
	// that two rounded logarithms could split, so that ties really fall to the code.
	const distance = (c: PeerCandidate) => Math.max(c.elb, self.elb) / Math.min(c.elb, self.elb);
	const others = candidates
		.filter((c) => c.id !== self.id)
		.map((c) => ({ c, d: distance(c) }))
		.sort((a, b) => a.d - b.d || byCode(a.c, b.c));
	return others.slice(0, k).map(({ c }) => c);
}

function byCode(a: PeerCandidate, b: PeerCandidate): number {
	return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}
