/** A round's lifecycle: closing freezes its inputs into the snapshot, reopening (logged) lets uploads count again. */
import { sql } from 'kysely';
import { m } from '$lib/paraglide/messages';
import { audit, type Actor } from '$lib/server/auth/audit';
import { pseudonyms } from '$lib/server/auth/pseudonyms';
import { inTransaction, type DB } from '$lib/server/db';
import { byIds } from '$lib/server/db/jobcenters';
import { log } from '$lib/server/log';
import { METRICS, type RoundStatus } from '$lib/server/db/schema';
import { readKpiSettings, type KpiSettings } from '$lib/server/kpi/settings';
import { sizeGroups } from '$lib/server/kpi/sizeGroups';
import { tableSource } from '$lib/server/kpi/source';

export const OPEN: RoundStatus = 'open';
export const CLOSED: RoundStatus = 'closed';

export type LifecycleResult = { ok: true } | { ok: false; message: string };

/** The key under which a round's pseudonyms are stored; the snapshot copies them. */
export function roundGroupKey(roundId: number): string {
	return `round:${roundId}`;
}

/** `open` → `closed`: copies participants, eLb, the period's rows, pseudonyms and settings. */
export async function closeRound(
	db: DB,
	roundId: number,
	actor: Actor,
	settings: KpiSettings = readKpiSettings(),
	now = new Date()
): Promise<LifecycleResult> {
	const round = await db
		.selectFrom('round')
		.select(['name', 'status', 'from_month', 'to_month'])
		.where('id', '=', roundId)
		.executeTakeFirst();
	if (!round) return { ok: false, message: m.round_unknown({ id: String(roundId) }) };
	if (round.status !== OPEN)
		return { ok: false, message: m.round_already_closed({ name: round.name }) };
	const members = await db
		.selectFrom('round_member')
		.select('jobcenter_id')
		.where('round_id', '=', roundId)
		.execute();
	const ids = members.map((r) => r.jobcenter_id);
	const letters = await pseudonyms(db, roundGroupKey(roundId), ids);
	const register = await tableSource(db, settings).jobcenters();
	const sizes = sizeGroups(register, ids, round.to_month);
	const at = now.toISOString();
	const by = actor.email ?? 'system';

	await inTransaction(db, async (trx) => {
		await dropSnapshot(trx, roundId);
		await trx
			.insertInto('round_snapshot')
			.values({
				round_id: roundId,
				closed_at: at,
				closed_by: by,
				min_peers: settings.minPeers,
				fte_hours_per_month: settings.fteHoursPerMonth
			})
			.execute();
		const participants = await byIds(trx, ids, [
			'id',
			'code',
			'name',
			'state',
			'carrier',
			'ring',
			'active',
			'show_name_to_ring'
		]);
		for (const j of participants) {
			await trx
				.insertInto('round_snapshot_jobcenter')
				.values({
					round_id: roundId,
					jobcenter_id: j.id,
					code: j.code,
					name: j.name,
					state: j.state,
					carrier: j.carrier,
					ring: j.ring,
					active: j.active,
					show_name_to_ring: j.show_name_to_ring,
					pseudonym: letters.get(j.id)!,
					size_group: JSON.stringify(sizes.get(j.id) ?? [j.id])
				})
				.execute();
		}
		await sql`insert into round_snapshot_elb (round_id, jobcenter_id, valid_from, elb)
			select ${roundId}, jobcenter_id, substr(valid_from, 1, 7), elb from jobcenter_elb
			where jobcenter_id in (select jobcenter_id from round_member where round_id = ${roundId})`.execute(
			trx
		);
		// A participant without history keeps the register's value for every month.
		await sql`insert into round_snapshot_elb (round_id, jobcenter_id, valid_from, elb)
			select ${roundId}, id, '0000-01', elb from jobcenter
			where id in (select jobcenter_id from round_member where round_id = ${roundId})
			and id not in (select jobcenter_id from round_snapshot_elb where round_id = ${roundId})`.execute(
			trx
		);
		const columns = sql.join(METRICS.map((c) => sql.ref(c)));
		await sql`insert into round_snapshot_metric (round_id, jobcenter_id, channel_id, month, ${columns})
			select ${roundId}, jobcenter_id, channel_id, month, ${columns} from monthly_metric
			where jobcenter_id in (select jobcenter_id from round_member where round_id = ${roundId})
			and month between ${round.from_month} and ${round.to_month}`.execute(trx);
		await trx.updateTable('round').set({ status: CLOSED }).where('id', '=', roundId).execute();
		await trx
			.insertInto('round_event')
			.values({ round_id: roundId, at, actor: by, action: 'closed' })
			.execute();
	});
	await audit(db, actor, 'round_closed', `${roundId}: ${round.name}`);
	log.info({ event: 'round_closed', roundId, userId: actor.userId }, 'round closed');
	return { ok: true };
}

/** `closed` → `open`: the views read the live tables again until the next close. */
export async function reopenRound(
	db: DB,
	roundId: number,
	actor: Actor,
	now = new Date()
): Promise<LifecycleResult> {
	const round = await db
		.selectFrom('round')
		.select(['name', 'status'])
		.where('id', '=', roundId)
		.executeTakeFirst();
	if (!round) return { ok: false, message: m.round_unknown({ id: String(roundId) }) };
	if (round.status !== CLOSED)
		return { ok: false, message: m.round_not_closed({ name: round.name }) };
	await db.transaction().execute(async (trx) => {
		await trx.updateTable('round').set({ status: OPEN }).where('id', '=', roundId).execute();
		await trx
			.insertInto('round_event')
			.values({
				round_id: roundId,
				at: now.toISOString(),
				actor: actor.email ?? 'system',
				action: 'reopened'
			})
			.execute();
	});
	await audit(db, actor, 'round_reopened', `${roundId}: ${round.name}`);
	log.info({ event: 'round_reopened', roundId, userId: actor.userId }, 'round reopened');
	return { ok: true };
}

/** Every close and reopen of the round, oldest first. */
export async function roundEvents(db: DB, roundId: number) {
	return db
		.selectFrom('round_event')
		.select(['at', 'actor', 'action'])
		.where('round_id', '=', roundId)
		.orderBy('id')
		.execute();
}

async function dropSnapshot(trx: DB, roundId: number): Promise<void> {
	for (const table of [
		'round_snapshot_metric',
		'round_snapshot_elb',
		'round_snapshot_jobcenter'
	] as const) {
		await trx.deleteFrom(table).where('round_id', '=', roundId).execute();
	}
	await trx.deleteFrom('round_snapshot').where('round_id', '=', roundId).execute();
}
