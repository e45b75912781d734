import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { CLOSED, closeRound, reopenRound } from '$lib/server/lifecycle';
import { createRound, getRound } from '$lib/server/rounds';
import { liveSourceOf, sourceFor } from './sources';

const ANALYST = { userId: null, email: 'analyst@test.example' };

async function setUp() {
	const db = await testDatabase();
	const ids: number[] = [];
	for (let i = 1; i <= 3; i++) ids.push(await addJobcenter(db, `0000${i}`, 'Ring Nord'));
	for (const id of ids)
		await db
			.insertInto('monthly_metric')
			.values({ jobcenter_id: id, channel_id: 'facebook', month: '2026-02', followers: 100 })
			.execute();
	const round = await createRound(
		db,
		{ name: 'Q1', from: '2026-01', to: '2026-03', ring: 'Ring Nord' },
		'cli'
	);
	if (!round.ok) throw new Error('no round');
	return { db, ids, roundId: round.id };
}

describe('the one choice between live tables and a frozen round', () => {
	it('reads the live tables without a round and for an open one, through one cache per database', async () => {
		const { db, roundId } = await setUp();
		const live = liveSourceOf(db);
		expect(liveSourceOf(db)).toBe(live);
		expect(await sourceFor(db)).toBe(live);
		expect(await sourceFor(db, null)).toBe(live);
		expect(await sourceFor(db, await getRound(db, roundId))).toBe(live);
		expect(liveSourceOf(await testDatabase())).not.toBe(live);
	});

	it('reads a closed round from its copy, which later writes do not change', async () => {
		const { db, ids, roundId } = await setUp();
		await closeRound(db, roundId, ANALYST, { minPeers: 3, fteHoursPerMonth: 169 });
		await db.updateTable('monthly_metric').set({ followers: 9999 }).execute();
		const frozen = await sourceFor(db, await getRound(db, roundId));
		expect(frozen).not.toBe(liveSourceOf(db));
		const rows = await frozen.metricRows(ids, '2026-01', '2026-03', null);
		expect([...rows.values()].flat().map((r) => r.followers)).toEqual([100, 100, 100]);
		const now = await liveSourceOf(db).metricRows(ids, '2026-01', '2026-03', null);
		expect([...now.values()].flat().map((r) => r.followers)).toEqual([9999, 9999, 9999]);

		// Reopened, the round is live again (its old copy kept for the next closing).
		await reopenRound(db, roundId, ANALYST);
		expect(await sourceFor(db, await getRound(db, roundId))).toBe(liveSourceOf(db));
	});

	it('reads a round marked closed that has no copy from the live tables', async () => {
		const { db, roundId } = await setUp();
		const round = (await getRound(db, roundId))!;
		expect(await sourceFor(db, { ...round, status: CLOSED })).toBe(liveSourceOf(db));
	});
});
