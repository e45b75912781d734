/** The effort-versus-impact map: which axes each audience may choose, and the group's anonymous points. */
import type { KpiId } from '../catalogue';
import { pairs, type KpiRequest, type Pairs } from '../engine';
import type { DataSource } from '../types';
import { seesPeers, type Audience } from './audience';

/**
 * Effort on x, impact on y, the default first. Every point is a peer's, so an axis is offered only
 * where the audience may see the peers' figures: the raw counts and hours for analysts only.
 */
const EFFORT: KpiId[] = ['fte_per_10000_elb', 'hours_per_post', 'staff_hours'];
const IMPACT: KpiId[] = [
	'reach_per_1000_elb',
	'engagement_rate_pct',
	'interactions_per_post',
	'interactions_per_staff_hour',
	'interactions'
];

/** The axes the audience may choose, the default first. */
export function mapAxes(audience: Audience): { xs: KpiId[]; ys: KpiId[] } {
	const shown = (id: KpiId) => seesPeers(id, audience);
	return { xs: EFFORT.filter(shown), ys: IMPACT.filter(shown) };
}

/** The group's points of two KPIs, without identifiers; refuses an axis the audience may not choose. */
export async function mapPoints(
	source: DataSource,
	request: KpiRequest,
	x: KpiId,
	y: KpiId,
	audience: Audience
): Promise<Pairs> {
	const { xs, ys } = mapAxes(audience);
	// The callers validate the query first; reaching this is a programming error, not bad input.
	if (!xs.includes(x) || !ys.includes(y))
		throw new Error(`The map axes ${x}/${y} are not shown here.`);
	return pairs(source, request, x, y);
}
