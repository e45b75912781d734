/**
 * The demo's benchlearning rounds on the demo jobcenter's ring: last year's, closed with its snapshot,
 * and this year's over the same calendar months, open and naming last year's as its predecessor.
 */
import { addMonths, type Month } from '$lib/months';
import type { DB } from '$lib/server/db';
import { closeRound, CLOSED } from '$lib/server/lifecycle';
import { createRound } from '$lib/server/rounds';
import { DEMO_JOBCENTERS, DEMO_JOBCENTER_CODE } from './jobcenters';

/** Marks the demo's rounds in `round.created_by`, so that they can be found again. */
export const DEMO_ROUND_CREATOR = 'demo';
const ACTOR = { userId: null, email: DEMO_ROUND_CREATOR };
const MONTHS = 6;

export interface DemoRoundIds {
	/** Last year's round, closed. */
	closed: number;
	/** This year's round, open; its predecessor is `closed`. */
	open: number;
}

/** The two periods: the last six months of the demo data, and the same months a year before. */
export function demoRoundPlan(until: Month) {
	const ring = DEMO_JOBCENTERS.find((j) => j.code === DEMO_JOBCENTER_CODE)!.ring!;
	const round = (to: Month) => ({
		name: `${ring.replace('Vergleichsring ', '')} ${to.slice(0, 4)}`,
		from: addMonths(to, 1 - MONTHS),
		to,
		ring
	});
	return { closed: round(addMonths(until, -12)), open: round(until) };
}

/** Creates and closes last year's round, then creates this year's; inside the seed's transaction. */
export async function seedDemoRounds(trx: DB, until: Month): Promise<DemoRoundIds> {
	const plan = demoRoundPlan(until);
	const closed = await createRound(trx, plan.closed, DEMO_ROUND_CREATOR);
	if (!closed.ok) throw new Error(closed.problems.map((p) => p.message).join(' '));
	// Closed two months after its last month, as an association would after its meeting.
	const closedAt = new Date(`${addMonths(plan.closed.to, 2)}-15T10:00:00Z`);
	const frozen = await closeRound(trx, closed.id, ACTOR, undefined, closedAt);
	if (!frozen.ok) throw new Error(frozen.message);
	const open = await createRound(trx, { ...plan.open, predecessor: closed.id }, DEMO_ROUND_CREATOR);
	if (!open.ok) throw new Error(open.problems.map((p) => p.message).join(' '));
	return { closed: closed.id, open: open.id };
}

/** The demo rounds' ids, for other demo data that belongs to them; null in a database without them. */
export async function demoRoundIds(db: DB): Promise<DemoRoundIds | null> {
	const rows = await db
		.selectFrom('round')
		.select(['id', 'status'])
		.where('created_by', '=', DEMO_ROUND_CREATOR)
		.orderBy('to_month')
		.execute();
	const closed = rows.find((r) => r.status === CLOSED);
	const open = rows.find((r) => r.status !== CLOSED);
	return closed && open ? { closed: closed.id, open: open.id } : null;
}
