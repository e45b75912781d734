// The Antwortzeit through the engine: a lower value is the better quartile, it yields Lernpartner
// and is withheld below MIN_PEERS, like every KPI with a direction (no special case for it).
import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { learningPartners } from '$lib/server/kpi/present/partners';
import { compare, series, type KpiComparison } from './engine';
import { isGoodPosition } from './stats';
import { liveSource } from './source';

// Per member the answer times of January and February on Facebook, and their period medians:
// 0.6, 3, 6, 12, 24, 60 hours. 00007 answers but reports no answer time.
const HOURS: [string, number | null, number | null][] = [
	['00001', 0.5, 0.7],
	['00002', 2, 4],
	['00003', 5, 7],
	['00004', 10, 14],
	['00005', 20, 28],
	['00006', 50, 70],
	['00007', null, null]
];
const PERIOD = { from: '2026-01', to: '2026-02', peers: { type: 'ring' } } as const;

async function ring() {
	const db = await testDatabase();
	const ids: number[] = [];
	for (const [code, january, february] of HOURS) {
		const id = await addJobcenter(db, code, 'R');
		ids.push(id);
		for (const [month, response_hours] of [
			['2026-01', january],
			['2026-02', february]
		] as const) {
			await db
				.insertInto('monthly_metric')
				.values({
					jobcenter_id: id,
					channel_id: 'facebook',
					month,
					comments: 20,
					replies: 15,
					response_hours
				})
				.execute();
		}
	}
	return { db, ids };
}

const answerTime = (c: Awaited<ReturnType<typeof compare>>) =>
	c.kpis.find((k) => k.id === 'response_hours')!;

describe('the Antwortzeit among peers', () => {
	it('puts the fastest jobcenter in the best quartile and the slowest in the worst', async () => {
		const { db, ids } = await ring();
		const source = liveSource(db, { minPeers: 5, fteHoursPerMonth: 169 });
		const fastest = answerTime(await compare(source, { jobcenterId: ids[0], ...PERIOD }));
		// R-7 over 0.6, 3, 6, 12, 24, 60: p25 = 3 + 0.25 × 3, median = (6 + 12) / 2, p75 = 12 + 0.75 × 12.
		expect(fastest).toMatchObject({
			...{ unit: 'duration_hours', better: 'lower', value: 0.6, n: 6, suppressed: false },
			peer: { n: 6, median: 9, p25: 3.75, p75: 21, min: 0.6, max: 60 },
			quartile: 1
		});
		expect(fastest.peer?.mean).toBeCloseTo(105.6 / 6, 10);
		expect(fastest.percentile).toBeCloseTo(100 / 12, 10);
		expect(isGoodPosition(fastest, fastest.quartile)).toBe(true);
		const slowest = answerTime(await compare(source, { jobcenterId: ids[5], ...PERIOD }));
		expect(slowest).toMatchObject({ value: 60, quartile: 4 });
		expect(isGoodPosition(slowest, slowest.quartile)).toBe(false);
		// No answer time of its own: no value and no position, and it is not counted among the six.
		const silent = answerTime(await compare(source, { jobcenterId: ids[6], ...PERIOD }));
		expect(silent).toMatchObject({ value: null, n: 6, quartile: null, percentile: null });
	});

	it('gives the slow jobcenter the fast ones as Lernpartner, and the fast one none', async () => {
		const { db, ids } = await ring();
		const source = liveSource(db, { minPeers: 5, fteHoursPerMonth: 169 });
		// As the jobcenter report does it: every participant's value, and the asker's own comparison.
		const comparisons: KpiComparison[] = [];
		for (const id of ids) {
			comparisons.push(answerTime(await compare(source, { jobcenterId: id, ...PERIOD })));
		}
		const values = new Map(ids.map((id, i) => [id, comparisons[i].value]));
		const participants = HOURS.map(([code], i) => ({
			...{ id: ids[i], name: `Jobcenter ${code}`, ring: 'R', showNameToRing: false },
			pseudonym: `Jobcenter ${'ABCDEFG'[i]}`
		}));
		const partnersOf = (i: number) => {
			const { better, value, peer } = comparisons[i];
			return learningPartners({ id: ids[i], ring: 'R' }, ids, participants, [
				{ id: 'response_hours', better, value, peer, values }
			]);
		};
		// 60 hours lies above the median 9; 0.6 and 3 lie in the lowest quartile (≤ 3.75).
		expect(partnersOf(5)).toEqual([
			{
				kpi: 'response_hours',
				partners: [
					{ label: 'Jobcenter A', named: false },
					{ label: 'Jobcenter B', named: false }
				]
			}
		]);
		expect(partnersOf(0)).toEqual([]);
	});

	it('withholds the statistics below MIN_PEERS and shows them from MIN_PEERS on', async () => {
		const { db, ids } = await ring();
		const request = { jobcenterId: ids[0], ...PERIOD };
		const atSix = liveSource(db, { minPeers: 6, fteHoursPerMonth: 169 });
		expect(answerTime(await compare(atSix, request))).toMatchObject({ suppressed: false, n: 6 });
		const atSeven = liveSource(db, { minPeers: 7, fteHoursPerMonth: 169 });
		expect(answerTime(await compare(atSeven, request))).toMatchObject({
			...{ value: 0.6, n: 6, suppressed: true },
			...{ peer: null, percentile: null, quartile: null }
		});
	});

	it('shows each month the median of the group’s monthly values', async () => {
		const { db, ids } = await ring();
		const source = liveSource(db, { minPeers: 5, fteHoursPerMonth: 169 });
		const points = await series(source, { jobcenterId: ids[1], ...PERIOD }, 'response_hours');
		// January 0.5, 2, 5, 10, 20, 50 → 7.5; February 0.7, 4, 7, 14, 28, 70 → 10.5.
		expect(points.map((p) => [p.month, p.value, p.median])).toEqual([
			['2026-01', 2, 7.5],
			['2026-02', 4, 10.5]
		]);
	});
});
