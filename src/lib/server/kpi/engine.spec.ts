import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type DB } from '$lib/server/db';
import { compare, distribution, KpiRequestError, pairs, series, type Comparison } from './engine';
import { liveSource } from './source';
import type { DataSource } from './types';

let dir: string;
let db: DB;
let source: DataSource;

// Ring R: five jobcenters of 1,000 to 16,000 eLb; 00005 reports no hours; 00006 has no ring and no data.
const REGISTER: [string, number, string | null][] = [
	['00001', 1000, 'R'],
	['00002', 2000, 'R'],
	['00003', 4000, 'R'],
	['00004', 8000, 'R'],
	['00005', 16000, 'R'],
	['00006', 3000, null]
];
// posts January, February; followers are 100 × n, then +10 %.
const POSTS: [number | null, number | null][] = [
	[10, 20],
	[20, 20],
	[30, null],
	[40, 40],
	[50, 50]
];

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'benchlearn-kpi-'));
	db = openDatabase(join(dir, 'test.db'));
	await migrateToLatest(db);
	for (const [i, [code, elb, ring]] of REGISTER.entries()) {
		const row = { id: i + 1, code, name: `Jobcenter ${code}`, state: 'NW' as const, elb, ring };
		await db
			.insertInto('jobcenter')
			.values({ ...row, carrier: 'gE' })
			.execute();
	}
	const rows = POSTS.flatMap(([january, february], i) =>
		(['2026-01', '2026-02'] as const).map((month, m) => ({
			...{ jobcenter_id: i + 1, channel_id: 'facebook', month },
			...{ posts: m === 0 ? january : february, followers: (i + 1) * (m === 0 ? 100 : 110) },
			...{ impressions: null, reach: null, reactions: null, comments: null, shares: null },
			...{ replies: null, staff_hours: i === 4 ? null : 10 }
		}))
	);
	await db.insertInto('monthly_metric').values(rows).execute();
	source = liveSource(db, { minPeers: 5, fteHoursPerMonth: 169 });
});

afterAll(async () => {
	await db.destroy();
	rmSync(dir, { recursive: true, force: true });
});

const PERIOD = { from: '2026-01', to: '2026-02' };
const find = (c: Comparison, id: string) => c.kpis.find((k) => k.id === id);

describe('compare', () => {
	it('places the jobcenter among its ring with every statistic', async () => {
		const result = await compare(source, { jobcenterId: 1, ...PERIOD, peers: { type: 'ring' } });
		expect(result.jobcenter).toEqual({ id: 1, code: '00001' });
		expect(result.peers).toEqual({ group: 'ring', members: 5 });
		// posts: 15, 20, 30, 40, 50
		expect(find(result, 'posts')).toEqual({
			...{ id: 'posts', area: 'effort', unit: 'count', better: 'neutral', value: 15, n: 5 },
			...{
				suppressed: false,
				peer: { n: 5, median: 30, p25: 20, p75: 40, min: 15, max: 50, mean: 31 }
			},
			...{ percentile: 10, quartile: 1, deviationFromMedianPct: -50 }
		});
		// Growth is 10 % everywhere: a five-way tie.
		expect(find(result, 'follower_growth_pct')).toMatchObject({
			value: 10,
			percentile: 50,
			quartile: 1
		});
		// 110 / 1000 × 1000 = 110 for 00001; 220/2000, 330/4000, 440/8000, 550/16000 for the others.
		expect(find(result, 'followers_per_1000_elb')?.peer).toMatchObject({
			median: 82.5,
			min: 34.375
		});
		expect(find(result, 'fte')?.value).toBeCloseTo(10 / 169, 12);
	});

	it('suppresses a KPI that only four members report', async () => {
		const result = await compare(source, { jobcenterId: 1, ...PERIOD, peers: { type: 'ring' } });
		expect(find(result, 'staff_hours')).toMatchObject({
			...{ value: 10, n: 4, suppressed: true, peer: null },
			...{ percentile: null, quartile: null, deviationFromMedianPct: null }
		});
		expect(find(result, 'engagement_rate_pct')).toMatchObject({
			value: null,
			n: 0,
			suppressed: true
		});
	});

	it('describes the group for a jobcenter without data, without a position', async () => {
		const result = await compare(source, { jobcenterId: 6, ...PERIOD, peers: { type: 'all' } });
		expect(result.peers.members).toBe(6);
		expect(find(result, 'posts')).toMatchObject({
			value: null,
			n: 5,
			percentile: null,
			quartile: null
		});
		expect(find(result, 'posts')?.peer?.median).toBe(30);
	});

	it('keeps to the chosen channels', async () => {
		const request = { jobcenterId: 1, ...PERIOD, peers: { type: 'ring' as const } };
		const result = await compare(source, { ...request, channels: ['instagram'] });
		expect(result.kpis.every((k) => k.value === null && k.n === 0 && k.suppressed)).toBe(true);
	});

	it('refuses what it cannot answer, with a reason', async () => {
		const ask = (request: object) =>
			compare(source, { jobcenterId: 1, ...PERIOD, peers: { type: 'ring' }, ...request }).catch(
				(e: KpiRequestError) => e.problem
			);
		expect(await ask({ jobcenterId: 99 })).toBe('unknown_jobcenter');
		expect(await ask({ jobcenterId: 6 })).toBe('no_group');
		expect(await ask({ channels: ['myspace'] })).toBe('unknown_channel');
		expect(await ask({ from: '2026-03' })).toBe('bad_period');
		// The bound that keeps one request from stalling the server: at most 120 months.
		expect(await ask({ from: '0001-01', to: '9999-12' })).toBe('bad_period');
		expect(await ask({ from: '2016-01', to: '2026-01' })).toBe('bad_period');
		expect(await ask({ from: '2016-02', to: '2026-01' })).not.toBe('bad_period');
		expect(await ask({ peers: { type: 'round', id: 1, members: [2, 3] } })).toBe('no_group');
	});
});

describe('series', () => {
	it('gives each month the own value and the group quartiles, suppressed below five', async () => {
		const request = { jobcenterId: 1, ...PERIOD, peers: { type: 'ring' as const } };
		expect(await series(source, request, 'posts')).toEqual([
			{ month: '2026-01', value: 10, n: 5, p25: 20, median: 30, p75: 40, suppressed: false },
			{ month: '2026-02', value: 20, n: 4, p25: null, median: null, p75: null, suppressed: true }
		]);
	});
});

describe('distribution', () => {
	it('gives the sorted values without identifiers, or nothing when suppressed', async () => {
		const request = { jobcenterId: 2, ...PERIOD, peers: { type: 'ring' as const } };
		expect(await distribution(source, request, 'posts')).toEqual({
			...{ kpi: 'posts', value: 20, n: 5, suppressed: false },
			values: [15, 20, 30, 40, 50]
		});
		expect(await distribution(source, request, 'staff_hours')).toMatchObject({ n: 4, values: [] });
	});
});

describe('the live source', () => {
	it('uses the eLb history when it exists, valid in the last month of the period', async () => {
		await db.schema
			.createTable('jobcenter_elb')
			.ifNotExists()
			.addColumn('jobcenter_id', 'integer')
			.addColumn('valid_from', 'text')
			.addColumn('elb', 'integer')
			.execute();
		const history = [
			{ jobcenter_id: 1, valid_from: '2025-01', elb: 900 },
			{ jobcenter_id: 1, valid_from: '2026-02', elb: 500 },
			{ jobcenter_id: 1, valid_from: '2026-03', elb: 400 }
		];
		await db
			.insertInto('jobcenter_elb' as never)
			.values(history as never)
			.execute();
		const request = { jobcenterId: 1, ...PERIOD, peers: { type: 'ring' as const } };
		const result = await compare(source, request);
		expect(find(result, 'followers_per_1000_elb')?.value).toBe(220); // 110 / 500 × 1000
		const perMonth = await series(source, request, 'followers_per_1000_elb');
		expect(perMonth.map((p) => p.value)).toEqual([(100 / 900) * 1000, 220]);
		await db.deleteFrom('jobcenter_elb' as never).execute();
	});

	it('finds the newest month with data of a group', async () => {
		expect(await source.latestMonth([1, 2], '2026-12')).toBe('2026-02');
		expect(await source.latestMonth([1, 2], '2026-01')).toBe('2026-01');
		expect(await source.latestMonth([6], '2026-12')).toBeNull();
	});
});

describe('pairs', () => {
	const request = { jobcenterId: 2, ...PERIOD, peers: { type: 'ring' as const } };

	it('gives every member with both values as an anonymous point, ordered by x, with the medians', async () => {
		// posts: monthly averages 15, 20, 30 (only January reported), 40, 50; followers: February's stock.
		const result = await pairs(source, request, 'posts', 'followers');
		expect(result.own).toEqual({ x: 20, y: 220 });
		expect(result.points).toEqual([
			{ x: 15, y: 110 },
			{ x: 20, y: 220 },
			{ x: 30, y: 330 },
			{ x: 40, y: 440 },
			{ x: 50, y: 550 }
		]);
		expect(result.median).toEqual({ x: 30, y: 330 });
		expect(result.suppressed).toBe(false);
	});

	it('leaves out members without one of the values and suppresses a group that gets too small', async () => {
		// 00005 reports no hours: four points remain, fewer than MIN_PEERS = 5.
		const result = await pairs(source, request, 'staff_hours', 'posts');
		expect(result).toEqual({
			own: { x: 10, y: 20 },
			points: [],
			suppressed: true,
			median: { x: null, y: null }
		});
	});
});
