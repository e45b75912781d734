import { describe, expect, it } from 'vitest';
import { followersByChannel, latestMonth, listJobcenters } from './overview';
import { addJobcenter, testDatabase } from './testing';

describe('overview queries', () => {
	it("count each active jobcenter's channels and add up followers per channel and month", async () => {
		const db = await testDatabase();
		const a = await addJobcenter(db, '00001');
		const b = await addJobcenter(db, '00002');
		const gone = await addJobcenter(db, '00003');
		await db.updateTable('jobcenter').set({ active: 0 }).where('id', '=', gone).execute();
		const row = (
			jobcenter_id: number,
			channel_id: string,
			month: string,
			followers: number | null
		) => ({
			jobcenter_id,
			channel_id,
			month,
			followers
		});
		await db
			.insertInto('monthly_metric')
			.values([
				row(a, 'facebook', '2026-01', 100),
				row(a, 'facebook', '2026-02', 110),
				row(a, 'instagram', '2026-02', 40),
				row(b, 'facebook', '2026-02', 7),
				row(b, 'facebook', '2026-03', null),
				row(gone, 'x', '2026-04', 1)
			])
			.execute();
		const list = await listJobcenters(db);
		expect(list.map((j) => [j.code, j.channels])).toEqual([
			['00001', 2],
			['00002', 1]
		]);
		expect(await latestMonth(db, '2026-03')).toBe('2026-03');
		const totals = await followersByChannel(db, '2026-01', '2026-03');
		expect(
			totals.sort((x, y) => (x.channel_id + x.month).localeCompare(y.channel_id + y.month))
		).toEqual([
			{ channel_id: 'facebook', month: '2026-01', followers: 100 },
			{ channel_id: 'facebook', month: '2026-02', followers: 117 },
			{ channel_id: 'instagram', month: '2026-02', followers: 40 }
		]);
	});
});
