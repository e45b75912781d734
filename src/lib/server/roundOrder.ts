/**
 * The order of rounds in time: a predecessor ends before its successor begins, so that a chain of
 * rounds reads forwards and can never close into a circle.
 */
import type { Month } from '$lib/months';
import { m } from '$lib/paraglide/messages';
import type { DB } from '$lib/server/db';

/**
 * Rounds follow each other in time: a predecessor ends before its successor begins. Checked both
 * ways, for the named predecessor and for the rounds that already name this one, so that an edited
 * period cannot turn a chain around; with that order a chain can never close into a circle, and
 * the walk along it is a second guard against rows written around this function.
 */
export async function orderProblem(
	db: DB,
	id: number | null,
	predecessorId: number | null,
	from: Month,
	to: Month
): Promise<string | null> {
	if (predecessorId !== null) {
		if (predecessorId === id) return m.round_predecessor_self();
		const before = await db
			.selectFrom('round')
			.select(['name', 'to_month', 'predecessor_id'])
			.where('id', '=', predecessorId)
			.executeTakeFirst();
		if (!before) return m.round_predecessor_unknown();
		if (id !== null && (await chainReaches(db, predecessorId, id)))
			return m.round_predecessor_cycle({ name: before.name });
		if (before.to_month >= from)
			return m.round_predecessor_not_earlier({ name: before.name, to: before.to_month, from });
	}
	if (id === null) return null;
	const later = await db
		.selectFrom('round')
		.select(['name', 'from_month'])
		.where('predecessor_id', '=', id)
		.where('from_month', '<=', to)
		.orderBy('from_month')
		.executeTakeFirst();
	return later
		? m.round_successor_not_later({ name: later.name, from: later.from_month, to })
		: null;
}

/** Whether following predecessors from `start` arrives at `target`; bounded by the number of rounds. */
async function chainReaches(db: DB, start: number, target: number): Promise<boolean> {
	const links = await db.selectFrom('round').select(['id', 'predecessor_id']).execute();
	const next = new Map(links.map((r) => [r.id, r.predecessor_id]));
	let at: number | null = start;
	for (let steps = 0; at !== null && steps <= links.length; steps++) {
		if (at === target) return true;
		at = next.get(at) ?? null;
	}
	return false;
}
