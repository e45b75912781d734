/** The goals of practice profiles, and each jobcenter's latest ones for the peer group "gleiche Ziele". */
import type { DB } from '$lib/server/db';

/** The goals a jobcenter can tick, in the order of issue 16 (the UI labels are `profile_goal_<id>`). */
export const GOALS = [
	'service',
	'apprenticeships',
	'employers',
	'decision_makers',
	'image',
	'benefits'
] as const;
export type Goal = (typeof GOALS)[number];

/**
 * Each jobcenter's goals from its latest profile (the round that ends last, then the newest round),
 * for the peer group "gleiche Ziele". Jobcenters without a profile are absent.
 */
export async function latestGoals(db: DB): Promise<Map<number, Goal[]>> {
	const rows = await db
		.selectFrom('practice_profile')
		.innerJoin('round', 'round.id', 'practice_profile.round_id')
		.select(['practice_profile.jobcenter_id', 'practice_profile.goals'])
		.orderBy('round.to_month')
		.orderBy('round.id')
		.execute();
	const result = new Map<number, Goal[]>();
	// Later rows overwrite earlier ones, so the latest profile wins.
	for (const r of rows) {
		const goals = JSON.parse(r.goals) as string[];
		result.set(
			r.jobcenter_id,
			GOALS.filter((g) => goals.includes(g))
		);
	}
	return result;
}
