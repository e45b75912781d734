import { describe, expect, it } from 'vitest';
import type { DB } from '$lib/server/db';
import { testDatabase } from '$lib/server/db/testing';
import { compare, KpiRequestError } from '$lib/server/kpi/engine';
import { selectPeers } from '$lib/server/kpi/peers';
import { liveSource } from '$lib/server/kpi/source';
import { latestGoals } from './goals';
import { PROFILE_FORM, saveProfile } from './profiles';
import { parse } from '$lib/server/params';

const ACTOR = { userId: null, email: 'spec@example.test' };

/** Seven jobcenters with posts in Jan. and Feb. 2026; 00007 never fills in a profile. */
async function fixture(): Promise<{ db: DB; rounds: { old: number; recent: number } }> {
	const db = await testDatabase();
	for (let id = 1; id <= 7; id++) {
		await db
			.insertInto('jobcenter')
			.values({
				id,
				code: `0000${id}`,
				name: `Jobcenter ${id}`,
				state: 'NW',
				carrier: 'gE',
				elb: 1000 * id,
				ring: 'R'
			})
			.execute();
		for (const month of ['2026-01', '2026-02']) {
			await db
				.insertInto('monthly_metric')
				.values({
					jobcenter_id: id,
					channel_id: 'instagram',
					month,
					posts: 4 + id,
					followers: 100 * id
				})
				.execute();
		}
	}
	const round = async (name: string, from: string, to: string) =>
		(
			await db
				.insertInto('round')
				.values({ name, from_month: from, to_month: to, created_by: 'spec' })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	// The recent round is created first, so that "latest" must follow the period, not the id.
	const recent = await round('Runde 2026', '2026-01', '2026-06');
	const old = await round('Runde 2025', '2025-01', '2025-12');
	return { db, rounds: { old, recent } };
}

async function profile(db: DB, round: number, jobcenter: number, goals: string[]) {
	const form = new FormData();
	for (const g of goals) form.append('goals', g);
	form.set('worked', 'Reels mit Azubis');
	await saveProfile(db, ACTOR, round, jobcenter, parse(form, PROFILE_FORM));
}

describe('the peer group "gleiche Ziele"', () => {
	it('takes each jobcenter’s goals from its latest profile, by the rounds’ periods', async () => {
		const { db, rounds } = await fixture();
		await profile(db, rounds.old, 4, ['employers']);
		await profile(db, rounds.recent, 4, ['image']);
		await profile(db, rounds.old, 5, ['benefits']);
		const goals = await latestGoals(db);
		expect(goals.get(4)).toEqual(['image']);
		expect(goals.get(5)).toEqual(['benefits']);
		expect(goals.has(7)).toBe(false);
	});

	it('holds everyone sharing at least one goal, and does not exist without goals', () => {
		const jc = (id: number, goals?: string[]) => ({
			id,
			code: `0000${id}`,
			state: 'NW',
			carrier: 'gE',
			elb: 1000,
			ring: 'R',
			goals
		});
		const register = [
			jc(1, ['service', 'image']),
			jc(2, ['service']),
			jc(3, ['image', 'employers']),
			jc(4, ['employers']),
			jc(5, []),
			jc(6)
		];
		const ids = (self: number) =>
			selectPeers(register, register[self - 1], { type: 'goals' })?.map((c) => c.id) ?? null;
		expect(ids(1)).toEqual([1, 2, 3]);
		// Sharing is not transitive: 00004 shares "employers" with 00003 only.
		expect(ids(4)).toEqual([3, 4]);
		expect(ids(5)).toBeNull();
		expect(ids(6)).toBeNull();
	});

	it('compares with the group and suppresses it once fewer than MIN_PEERS share a goal', async () => {
		const { db, rounds } = await fixture();
		await profile(db, rounds.old, 1, ['service', 'image']);
		await profile(db, rounds.old, 2, ['service']);
		await profile(db, rounds.old, 3, ['image']);
		await profile(db, rounds.old, 4, ['employers']);
		await profile(db, rounds.recent, 4, ['image', 'employers']);
		await profile(db, rounds.old, 5, ['benefits', 'image']);
		await profile(db, rounds.old, 6, ['apprenticeships', 'service']);
		const source = liveSource(db, { minPeers: 6, fteHoursPerMonth: 169 });
		const request = {
			jobcenterId: 1,
			from: '2026-01',
			to: '2026-02',
			peers: { type: 'goals' as const }
		};

		const before = await compare(source, request);
		expect(before.peers).toEqual({ group: 'goals', members: 6 });
		const posts = before.kpis.find((k) => k.id === 'posts')!;
		expect(posts).toMatchObject({ n: 6, suppressed: false });
		expect(posts.peer?.median).toBe(7.5);

		// 00006 now pursues apprenticeships only: five remain, one fewer than MIN_PEERS.
		await profile(db, rounds.recent, 6, ['apprenticeships']);
		const after = await compare(source, request);
		expect(after.peers).toEqual({ group: 'goals', members: 5 });
		expect(after.kpis.find((k) => k.id === 'posts')).toMatchObject({
			n: 5,
			suppressed: true,
			peer: null
		});

		// 00007 has no profile, so it has no such group; the page turns this into a sentence.
		await expect(compare(source, { ...request, jobcenterId: 7 })).rejects.toThrow(KpiRequestError);
	});
});
