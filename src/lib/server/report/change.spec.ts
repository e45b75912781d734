import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { kpi } from '$lib/server/kpi/catalogue';
import { liveSource } from '$lib/server/kpi/source';
import { closeRound } from '$lib/server/lifecycle';
import { createRound } from '$lib/server/rounds';
import { kpiChange, roundChanges, type KpiChange } from './change';

const SETTINGS = { minPeers: 5, fteHoursPerMonth: 169 };
const ACTOR = { userId: null, email: 'spec' };

describe('kpiChange', () => {
	it('judges by the catalogue’s better direction, and never a neutral KPI', () => {
		expect(kpiChange(kpi('followers'), 180, 120)).toMatchObject({
			...{ delta: 60, relative: 50, direction: 'up', judgement: 'better' }
		});
		// Lower is better for the answer time: 12 → 9 hours is 3 hours faster.
		expect(kpiChange(kpi('response_hours'), 9, 12)).toMatchObject({
			...{ delta: -3, relative: -25, direction: 'down', judgement: 'better' }
		});
		expect(kpiChange(kpi('hours_per_post'), 1.5, 1)).toMatchObject({
			...{ delta: 0.5, relative: 50, direction: 'up', judgement: 'worse' }
		});
		// Posts: more is not better in itself.
		expect(kpiChange(kpi('posts'), 12, 10)).toMatchObject({
			...{ delta: 2, relative: 20, direction: 'up', judgement: 'neutral' }
		});
		expect(kpiChange(kpi('posts'), 10, 10)).toMatchObject({
			...{ delta: 0, direction: 'same', judgement: 'neutral' }
		});
	});

	it('calls equal what reads equal, and gives percentages in points', () => {
		// 5.04 % and 5.01 % both read „5,0 %“.
		expect(kpiChange(kpi('engagement_rate_pct'), 5.04, 5.01)).toMatchObject({
			...{ delta: 0, relative: null, direction: 'same', judgement: 'same' }
		});
		expect(kpiChange(kpi('engagement_rate_pct'), 8, 5)).toMatchObject({
			...{ delta: 3, relative: null, direction: 'up', judgement: 'better' }
		});
	});

	it('has no relative change from 0 and no change at all without both values', () => {
		expect(kpiChange(kpi('interactions'), 40, 0)).toMatchObject({
			...{ delta: 40, relative: null, direction: 'up', judgement: 'better' }
		});
		for (const [current, previous] of [
			[null, 3],
			[3, null]
		]) {
			expect(kpiChange(kpi('interactions'), current, previous)).toMatchObject({
				...{ delta: null, relative: null, direction: null, judgement: null }
			});
		}
	});
});

/** One channel, two months per round; the figures make the KPIs easy to compute by hand. */
async function twoRounds() {
	const db = await testDatabase();
	const a = await addJobcenter(db, '00001');
	const b = await addJobcenter(db, '00002');
	const row = (month: string, followers: number, posts: number, reactions: number, hours: number) =>
		db
			.insertInto('monthly_metric')
			.values({
				...{ jobcenter_id: a, channel_id: 'facebook', month, followers, posts },
				...{ impressions: 1000, reach: 500, reactions, comments: 5, shares: 5, replies: 5 },
				staff_hours: hours
			})
			.execute();
	await row('2025-01', 100, 10, 40, 10);
	await row('2025-02', 120, 10, 40, 10);
	await row('2026-01', 150, 12, 70, 18);
	await row('2026-02', 180, 12, 70, 18);
	const first = await createRound(
		db,
		{ name: 'Runde 2025', from: '2025-01', to: '2025-02', jobcenters: ['00001'] },
		'spec'
	);
	if (!first.ok) throw new Error('not created');
	const second = await createRound(
		db,
		{
			...{ name: 'Runde 2026', from: '2026-01', to: '2026-02' },
			...{ jobcenters: ['00001', '00002'], predecessor: first.id }
		},
		'spec'
	);
	if (!second.ok) throw new Error('not created');
	return { db, a, b, first: first.id, second: second.id };
}

const pick = (changes: KpiChange[] | null | undefined, id: string) =>
	changes?.find((c) => c.id === id);

describe('roundChanges', () => {
	it('compares each participant’s own values with the predecessor’s, frozen where it is closed', async () => {
		const { db, a, b, first, second } = await twoRounds();
		expect((await closeRound(db, first, ACTOR, SETTINGS)).ok).toBe(true);
		// Changed after closing: the closed round keeps its snapshot, 120 followers at the end.
		await db
			.updateTable('monthly_metric')
			.set({ followers: 999 })
			.where('month', '=', '2025-02')
			.execute();
		const result = await roundChanges(db, liveSource(db, SETTINGS), second);
		expect(result?.predecessor).toMatchObject({
			id: first,
			name: 'Runde 2025',
			status: 'closed'
		});
		const own = result?.byJobcenter.get(a);
		// Followers at the end: 120 → 180.
		expect(pick(own, 'followers')).toMatchObject({
			previous: 120,
			current: 180,
			delta: 60,
			relative: 50
		});
		expect(pick(own, 'followers')?.judgement).toBe('better');
		// Growth in the period: (120 − 100) ÷ 100 and (180 − 150) ÷ 150, both 20 %.
		expect(pick(own, 'follower_growth_pct')).toMatchObject({ previous: 20, current: 20 });
		expect(pick(own, 'follower_growth_pct')?.judgement).toBe('same');
		// Interactions ÷ impressions: (2 × 50) ÷ 2000 = 5 % before, (2 × 80) ÷ 2000 = 8 % now.
		expect(pick(own, 'engagement_rate_pct')).toMatchObject({ previous: 5, current: 8, delta: 3 });
		expect(pick(own, 'engagement_rate_pct')?.judgement).toBe('better');
		// Staff hours ÷ posts: 20 ÷ 20 = 1 before, 36 ÷ 24 = 1.5 now; lower is better.
		expect(pick(own, 'hours_per_post')).toMatchObject({
			previous: 1,
			current: 1.5,
			judgement: 'worse'
		});
		// Posts per month: 10 → 12, never judged.
		expect(pick(own, 'posts')).toMatchObject({ previous: 10, current: 12, judgement: 'neutral' });
		// The second jobcenter was not in the predecessor.
		expect(result?.byJobcenter.get(b)).toBeNull();
	});

	it('can be limited to some participants, and is null for a round without predecessor', async () => {
		const { db, a, first, second } = await twoRounds();
		const source = liveSource(db, SETTINGS);
		const result = await roundChanges(db, source, second, [a]);
		expect([...(result?.byJobcenter.keys() ?? [])]).toEqual([a]);
		// Open, the predecessor is read live.
		expect(pick(result?.byJobcenter.get(a), 'followers')?.previous).toBe(120);
		expect(await roundChanges(db, source, first)).toBeNull();
		expect(await roundChanges(db, source, 4711)).toBeNull();
	});
});
