/** One round as the reports see it: its data source (live or frozen), participants with pseudonym, opt-in and size group. */
import { m } from '$lib/paraglide/messages';
import { pseudonyms } from '$lib/server/auth/pseudonyms';
import type { DB } from '$lib/server/db';
import { byIds } from '$lib/server/db/jobcenters';
import type { KpiRequest } from '$lib/server/kpi/engine';
import { sizeGroups } from '$lib/server/kpi/sizeGroups';
import { snapshotInfo } from '$lib/server/kpi/snapshot';
import { sourceFor } from '$lib/server/kpi/sources';
import type { DataSource } from '$lib/server/kpi/types';
import { roundGroupKey } from '$lib/server/lifecycle';
import { getRound, type Round } from '$lib/server/rounds';

export interface Participant {
	id: number;
	code: string;
	name: string;
	ring: string | null;
	/** Agreed to be shown by name to the members of its own ring. */
	showNameToRing: boolean;
	/** "Jobcenter A" */
	pseudonym: string;
	/** The ids of its `size` peer group in the whole register. */
	sizeGroup: number[];
}

export interface RoundContext {
	round: Round;
	/** ISO time of closing, null while the round is open. */
	closedAt: string | null;
	source: DataSource;
	participants: Participant[];
}

export async function roundContext(
	db: DB,
	live: DataSource,
	id: number
): Promise<RoundContext | null> {
	const round = await getRound(db, id);
	if (!round) return null;
	const source = await sourceFor(db, round, live);
	// Not the live source: the round is closed and read from its copy, with the participants of then.
	if (source !== live) {
		const rows = await db
			.selectFrom('round_snapshot_jobcenter')
			.select([
				'jobcenter_id',
				'code',
				'name',
				'ring',
				'show_name_to_ring',
				'pseudonym',
				'size_group'
			])
			.where('round_id', '=', id)
			.orderBy('code')
			.execute();
		const info = await snapshotInfo(db, id);
		return {
			round,
			closedAt: info?.closedAt ?? null,
			source,
			participants: rows.map((r) => ({
				id: r.jobcenter_id,
				code: r.code,
				name: r.name,
				ring: r.ring,
				showNameToRing: r.show_name_to_ring === 1,
				pseudonym: m.pseudonym({ letters: r.pseudonym }),
				sizeGroup: JSON.parse(r.size_group) as number[]
			}))
		};
	}
	const ids = round.participants.map((p) => p.id);
	const letters = await pseudonyms(db, roundGroupKey(id), ids);
	const register = await live.jobcenters();
	const sizes = sizeGroups(register, ids, round.to);
	const optIn = await byIds(db, ids, ['id', 'ring', 'show_name_to_ring']);
	return {
		round,
		closedAt: null,
		source: live,
		participants: round.participants.map((p) => {
			const row = optIn.find((o) => o.id === p.id);
			return {
				...p,
				ring: row?.ring ?? null,
				showNameToRing: row?.show_name_to_ring === 1,
				pseudonym: m.pseudonym({ letters: letters.get(p.id)! }),
				sizeGroup: sizes.get(p.id) ?? [p.id]
			};
		})
	};
}

/** The engine's request for one participant: the round's period with the round as peer group. */
export function roundRequest(context: RoundContext, jobcenterId: number): KpiRequest {
	const { round, participants } = context;
	return {
		jobcenterId,
		from: round.from,
		to: round.to,
		peers: { type: 'round', id: round.id, members: participants.map((p) => p.id) }
	};
}
