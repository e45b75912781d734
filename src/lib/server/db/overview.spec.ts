import { describe, expect, it } from 'vitest';
import { dataVersion } from '$lib/server/kpi/version';
import { followersByChannel, keptTotals, latestMonth, listJobcenters } from './overview';
import type { RegisterFilter } from './register';
import { addJobcenter, testDatabase, testRegister as register } from './testing';

const ALL: RegisterFilter = { search: '', state: null, ring: undefined };

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
		const list = await listJobcenters(db, ALL, 1);
		expect(list.rows.map((j) => [j.code, j.channels])).toEqual([
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

describe('the national totals, kept', () => {
	it('are read once until the figures change, then read again', async () => {
		const db = await testDatabase();
		const a = await addJobcenter(db, '00001');
		const row = { jobcenter_id: a, channel_id: 'facebook', month: '2026-02', followers: 110 };
		await db.insertInto('monthly_metric').values(row).execute();
		const totals = keptTotals(dataVersion);
		const first = await totals(db, '2026-01', '2026-03');
		expect(first).toEqual([{ channel_id: 'facebook', month: '2026-02', followers: 110 }]);
		expect(await totals(db, '2026-01', '2026-03')).toBe(first);
		// Another period is another answer.
		expect(await totals(db, '2026-03', '2026-03')).toEqual([]);
		await db.updateTable('monthly_metric').set({ followers: 120 }).execute();
		expect(await totals(db, '2026-01', '2026-03')).toEqual([
			{ channel_id: 'facebook', month: '2026-02', followers: 120 }
		]);
	});
});

const names = (page: { rows: { name: string }[] }) => page.rows.map((r) => r.name);

describe('the register, filtered and a page at a time', () => {
	it('pages by 50 in name order and clamps a page beyond the last', async () => {
		const db = await register();
		const first = await listJobcenters(db, ALL, 1);
		expect([first.matching, first.pages, first.page, first.offset]).toEqual([56, 2, 1, 0]);
		expect(first.rows).toHaveLength(50);
		expect(first.rows[0].name).toBe('Jobcenter Kreis 01');
		expect(first.rows[49].name).toBe('Jobcenter Kreis 50');
		const second = await listJobcenters(db, ALL, 2);
		expect([second.page, second.offset]).toEqual([2, 50]);
		expect(names(second)).toEqual([
			'Jobcenter Kreis 51',
			'Jobcenter Kreis 52',
			'Jobcenter Kreis 53',
			'Jobcenter Kreis 54',
			'Jobcenter Kreis 55',
			'Jobcenter Überlingen'
		]);
		expect(await listJobcenters(db, ALL, 99)).toEqual(second);
	});

	it('searches names and codes as substrings, whatever the case, umlauts included', async () => {
		const db = await register();
		const search = (text: string) => listJobcenters(db, { ...ALL, search: text }, 1);
		expect(names(await search('kreis 1'))).toEqual(
			Array.from({ length: 10 }, (_, i) => `Jobcenter Kreis 1${i}`)
		);
		expect((await search('0504')).rows.map((r) => r.code)).toEqual(
			Array.from({ length: 10 }, (_, i) => `0504${i}`)
		);
		expect(names(await search('überlingen'))).toEqual(['Jobcenter Überlingen']);
		expect(names(await search('ÜBER'))).toEqual(['Jobcenter Überlingen']);
		expect(names(await search('uberlingen'))).toEqual(['Jobcenter Überlingen']);
		expect(names(await search('08435'))).toEqual(['Jobcenter Überlingen']);
		// The inactive Görlitz is not in the register.
		expect((await search('görlitz')).matching).toBe(0);
		// Wildcards of LIKE are plain characters here.
		expect((await search('%')).matching).toBe(0);
	});

	it('sorts in German alphabetical order, umlauts with their base letters', async () => {
		const db = await testDatabase();
		for (const [code, name] of [
			['07137', 'Jobcenter Mayen-Koblenz'],
			['05962', 'Jobcenter Märkischer Kreis'],
			['08222', 'Jobcenter Mannheim'],
			['05334', 'Jobcenter StädteRegion Aachen'],
			['08111', 'Jobcenter Stuttgart']
		])
			await db
				.insertInto('jobcenter')
				.values({ code, name, state: 'NW', carrier: 'gE', elb: 1000, ring: null })
				.execute();
		expect(names(await listJobcenters(db, ALL, 1))).toEqual([
			'Jobcenter Mannheim',
			'Jobcenter Märkischer Kreis',
			'Jobcenter Mayen-Koblenz',
			'Jobcenter StädteRegion Aachen',
			'Jobcenter Stuttgart'
		]);
	});

	it('filters by state and ring, also together with the search', async () => {
		const db = await register();
		const count = async (filter: Partial<RegisterFilter>) =>
			(await listJobcenters(db, { ...ALL, ...filter }, 1)).matching;
		expect(await count({ state: 'BY' })).toBe(27);
		expect(await count({ state: 'NW' })).toBe(28);
		expect(await count({ ring: 'Ring Nord' })).toBe(20);
		expect(await count({ ring: null })).toBe(35);
		expect(await count({ state: 'BY', ring: 'Ring Nord' })).toBe(10);
		expect(await count({ state: 'BW', search: 'kreis' })).toBe(0);
		const none = await listJobcenters(db, { ...ALL, search: 'Kreis 5', ring: 'Ring Nord' }, 1);
		expect(none).toEqual({ rows: [], matching: 0, page: 1, pages: 1, offset: 0 });
	});
});
