/** Who looks at KPI results, in the terms the presentation layer decides by. */
import type { Role } from '$lib/server/db/schema';

/**
 * Analysts see everything; a jobcenter user its own figures and the peers' statistics of
 * normalised KPIs only; a handout goes to every participant, so each value in it is a peer's.
 */
export type Audience = 'analyst' | 'jobcenter' | 'handout';

export function audienceOf(role: Role): Audience {
	return role === 'jobcenter' ? 'jobcenter' : 'analyst';
}
