/**
 * "Meine Runden": the rounds one jobcenter takes part in, with what it still has to deliver and its own
 * change against each round's predecessor. Nothing here is about another participant but their number.
 */
import type { Month } from '$lib/months';
import type { DB } from '$lib/server/db';
import { snapshotInfo } from '$lib/server/kpi/snapshot';
import type { DataSource } from '$lib/server/kpi/types';
import { CLOSED } from '$lib/server/lifecycle';
import { getRound } from '$lib/server/rounds';
import { labelled, roundChanges } from './change';
import { submissions, type SubmissionRow } from './submissions';

/** One month that is not complete yet: the channels with no row, and those with gaps. */
export interface Outstanding {
	month: Month;
	/** No figures at all for the month. */
	nothing: boolean;
	missing: string[];
	partial: string[];
}

/** The months of an open round that still lack figures, oldest first. */
export function outstanding(row: SubmissionRow): Outstanding[] {
	return row.months
		.filter((cell) => cell.status !== 'complete')
		.map((cell) => {
			const of = (status: string) =>
				Object.entries(cell.channels)
					.filter(([, s]) => s === status)
					.map(([channel]) => channel);
			return {
				month: cell.month,
				nothing: cell.status === 'missing' && of('partial').length === 0,
				missing: of('missing'),
				partial: of('partial')
			};
		});
}

export async function myRounds(
	db: DB,
	live: DataSource,
	self: { id: number; code: string; name: string }
) {
	const ids = await db
		.selectFrom('round_member')
		.innerJoin('round', 'round.id', 'round_member.round_id')
		.select('round.id')
		.where('round_member.jobcenter_id', '=', self.id)
		.orderBy('round.to_month', 'desc')
		.orderBy('round.id', 'desc')
		.execute();
	const result = [];
	for (const { id } of ids) {
		const round = (await getRound(db, id))!;
		const closed = round.status === CLOSED;
		const { rows } = await submissions(db, round, [self]);
		const changes = await roundChanges(db, live, id, [self.id]);
		const own = changes?.byJobcenter.get(self.id) ?? null;
		result.push({
			id,
			name: round.name,
			from: round.from,
			to: round.to,
			status: round.status,
			closedAt: closed ? ((await snapshotInfo(db, id))?.closedAt ?? null) : null,
			members: round.participants.length,
			outstanding: closed ? [] : outstanding(rows[0]),
			predecessor: changes && {
				name: changes.predecessor.name,
				from: changes.predecessor.from,
				to: changes.predecessor.to
			},
			changes: own && labelled(own)
		});
	}
	return result;
}
