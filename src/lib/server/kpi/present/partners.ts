/**
 * Lernpartner: for each KPI with a better direction where a jobcenter is on the worse side of the
 * group's median, the round's peers of similar size in the best quartile, shown as pseudonyms or,
 * where they opted in, by name to the members of their own ring.
 */
import type { Better, KpiId } from '$lib/server/kpi/catalogue';
import { quartilePosition, type PeerStats } from '../stats';
import { memberLabel } from '../visibility';

export interface PartnerCandidate {
	id: number;
	name: string;
	ring: string | null;
	showNameToRing: boolean;
	pseudonym: string;
}

export interface PartnerKpi {
	id: KpiId;
	better: Better;
	/** The jobcenter's own value. */
	value: number | null;
	/** The round's statistics; null when suppressed. */
	peer: Pick<PeerStats, 'p25' | 'median' | 'p75'> | null;
	/** Every participant's value of this KPI. */
	values: ReadonlyMap<number, number | null>;
}

export interface LearningPartners {
	kpi: KpiId;
	partners: { label: string; named: boolean }[];
}

/** Whether `value` lies strictly on the worse side of the median. */
export function isBelowMedian(better: Better, value: number, median: number): boolean {
	if (better === 'higher') return value < median;
	if (better === 'lower') return value > median;
	return false;
}

/** How a partner appears to `self`: by name only if it opted in and both are in the same ring. */
export function partnerLabel(
	partner: PartnerCandidate,
	self: { ring: string | null }
): { label: string; named: boolean } {
	return memberLabel(partner, { all: false, ring: self.ring });
}

export function learningPartners(
	self: { id: number; ring: string | null },
	/** The ids of self's `size` peer group. */
	sizeGroup: readonly number[],
	participants: readonly PartnerCandidate[],
	kpis: readonly PartnerKpi[]
): LearningPartners[] {
	const similar = new Set(sizeGroup);
	const result: LearningPartners[] = [];
	for (const k of kpis) {
		if (k.better === 'neutral' || k.value === null || k.peer === null) continue;
		if (!isBelowMedian(k.better, k.value, k.peer.median)) continue;
		const best = k.better === 'higher' ? 4 : 1;
		const partners = participants
			.filter((p) => p.id !== self.id && similar.has(p.id))
			.filter((p) => {
				const v = k.values.get(p.id);
				return v !== null && v !== undefined && quartilePosition(v, k.peer!) === best;
			})
			.map((p) => partnerLabel(p, self))
			.sort((a, b) => a.label.localeCompare(b.label, 'de'));
		result.push({ kpi: k.id, partners });
	}
	return result;
}
