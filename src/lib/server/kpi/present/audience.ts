/** Who looks at KPI results, in the terms the presentation layer decides by. */
import type { Role } from '$lib/server/db/schema';
import { kpi, type KpiId } from '../catalogue';
import { isNormalised } from '../visibility';

/**
 * Analysts see everything; a jobcenter user its own figures and the peers' statistics of
 * normalised KPIs only; a handout goes to every participant, so each value in it is a peer's.
 */
export type Audience = 'analyst' | 'jobcenter' | 'handout';

export function audienceOf(role: Role): Audience {
	return role === 'jobcenter' ? 'jobcenter' : 'analyst';
}

/**
 * Whether the audience may see the peers' figures of this KPI at all: the one rule behind the hidden
 * cards, the round tables' columns, the withheld series and the map's axes.
 */
export function seesPeers(id: KpiId, audience: Audience): boolean {
	return audience === 'analyst' || isNormalised(kpi(id).unit);
}
