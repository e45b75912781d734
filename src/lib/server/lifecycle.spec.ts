import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import type { DB } from '$lib/server/db';
import { compare } from '$lib/server/kpi/engine';
import { snapshotInfo, snapshotSource } from '$lib/server/kpi/snapshot';
import { tableSource } from '$lib/server/kpi/source';
import { createRound, getRound } from './rounds';
import { closeRound, reopenRound, roundEvents } from './lifecycle';

const ANALYST = { userId: null, email: 'analyst@test.example' };
const SETTINGS = { minPeers: 3, fteHoursPerMonth: 169 };

async function setUp() {
	const db = await testDatabase();
	const ids: number[] = [];
	for (let i = 1; i <= 4; i++) ids.push(await addJobcenter(db, `0000${i}`, 'Ring Nord'));
	for (const [i, id] of ids.entries()) {
		for (const month of ['2026-01', '2026-02', '2026-03']) {
			await db
				.insertInto('monthly_metric')
				.values({
					jobcenter_id: id,
					channel_id: 'facebook',
					month,
					followers: 100 * (i + 1),
					posts: 10,
					reactions: 5 * (i + 1),
					comments: 2,
					shares: 1,
					staff_hours: 20
				})
				.execute();
		}
	}
	const round = await createRound(
		db,
		{ name: 'Q1', from: '2026-01', to: '2026-03', ring: 'Ring Nord' },
		'cli'
	);
	if (!round.ok) throw new Error('no round');
	return { db, ids, roundId: round.id };
}

async function figures(db: DB, roundId: number, jobcenterId: number, frozen: boolean) {
	const round = (await getRound(db, roundId))!;
	const source = frozen ? (await snapshotSource(db, roundId))! : tableSource(db, SETTINGS);
	const request = {
		jobcenterId,
		from: round.from,
		to: round.to,
		peers: { type: 'round' as const, id: roundId, members: round.participants.map((p) => p.id) }
	};
	return compare(source, request);
}

async function changeLiveData(db: DB, ids: number[]) {
	await db
		.updateTable('monthly_metric')
		.set({ followers: 9999 })
		.where('jobcenter_id', '=', ids[0])
		.execute();
	await db
		.insertInto('monthly_metric')
		.values({
			jobcenter_id: ids[1],
			channel_id: 'instagram',
			month: '2026-02',
			followers: 5000,
			posts: 3
		})
		.execute();
	await db
		.updateTable('jobcenter')
		.set({ elb: 50000, name: 'Umbenannt' })
		.where('id', '=', ids[2])
		.execute();
	await db
		.insertInto('jobcenter_elb')
		.values({ jobcenter_id: ids[2], valid_from: '2026-01', elb: 50000 })
		.execute();
}

describe('closing a round', () => {
	it('freezes the figures: changes to the live data afterwards do not reach the snapshot', async () => {
		const { db, ids, roundId } = await setUp();
		const before = await figures(db, roundId, ids[0], false);
		expect(await closeRound(db, roundId, ANALYST, SETTINGS)).toEqual({ ok: true });
		expect((await getRound(db, roundId))?.status).toBe('closed');
		expect(await figures(db, roundId, ids[0], true)).toEqual(before);

		await changeLiveData(db, ids);
		expect(await figures(db, roundId, ids[0], false)).not.toEqual(before);
		expect(await figures(db, roundId, ids[0], true)).toEqual(before);
		const names = (await (await snapshotSource(db, roundId))!.jobcenters()).map((j) => j.name);
		expect(names).not.toContain('Umbenannt');
	});

	it('after reopening and closing again, the new snapshot has the changed data', async () => {
		const { db, ids, roundId } = await setUp();
		await closeRound(db, roundId, ANALYST, SETTINGS);
		const frozen = await figures(db, roundId, ids[0], true);
		await changeLiveData(db, ids);
		expect(await reopenRound(db, roundId, ANALYST)).toEqual({ ok: true });
		expect((await getRound(db, roundId))?.status).toBe('open');
		await closeRound(db, roundId, ANALYST, SETTINGS, new Date('2026-11-25T10:00:00Z'));
		const again = await figures(db, roundId, ids[0], true);
		expect(again).not.toEqual(frozen);
		expect(again).toEqual(await figures(db, roundId, ids[0], false));
		expect((await snapshotInfo(db, roundId))?.closedAt).toBe('2026-11-25T10:00:00.000Z');
		expect((await roundEvents(db, roundId)).map((e) => e.action)).toEqual([
			'closed',
			'reopened',
			'closed'
		]);
		const audit = await db.selectFrom('audit_log').select('action').orderBy('id').execute();
		expect(audit.map((a) => a.action)).toEqual(['round_closed', 'round_reopened', 'round_closed']);
	});

	it('keeps the settings and the pseudonyms of the time of closing', async () => {
		const { db, roundId } = await setUp();
		await closeRound(db, roundId, ANALYST, { minPeers: 7, fteHoursPerMonth: 160 });
		const source = (await snapshotSource(db, roundId))!;
		expect(source.settings).toEqual({ minPeers: 7, fteHoursPerMonth: 160 });
		const letters = await db.selectFrom('round_snapshot_jobcenter').select('pseudonym').execute();
		expect(letters.map((l) => l.pseudonym).sort()).toEqual(['A', 'B', 'C', 'D']);
	});

	it('refuses to close a closed round or to reopen an open one, and says why', async () => {
		const { db, roundId } = await setUp();
		expect(await reopenRound(db, roundId, ANALYST)).toEqual({
			ok: false,
			message: 'Die Runde „Q1“ ist nicht abgeschlossen.'
		});
		await closeRound(db, roundId, ANALYST, SETTINGS);
		expect(await closeRound(db, roundId, ANALYST, SETTINGS)).toEqual({
			ok: false,
			message: 'Die Runde „Q1“ ist schon abgeschlossen.'
		});
		expect(await closeRound(db, 999, ANALYST, SETTINGS)).toMatchObject({ ok: false });
	});
});
