import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type DB } from '$lib/server/db';
import { generateDemoData } from './generate';
import { snapshotInfo } from '$lib/server/kpi/snapshot';
import { submissions } from '$lib/server/report/submissions';
import { getRound } from '$lib/server/rounds';
import { DEMO_JOBCENTERS } from './jobcenters';
import { demoRoundIds, isDatabaseEmpty, seedDemoData } from './seed';

let dir: string;
let db: DB;

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'benchlearn-seed-'));
	db = openDatabase(join(dir, 'test.db'));
	await migrateToLatest(db);
});

afterEach(async () => {
	await db.destroy();
	rmSync(dir, { recursive: true, force: true });
});

async function counts(): Promise<{ jobcenters: number; metrics: number }> {
	const count = (table: 'jobcenter' | 'monthly_metric') =>
		db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow()
			.then((row) => Number(row.n));
	return { jobcenters: await count('jobcenter'), metrics: await count('monthly_metric') };
}

describe('seedDemoData', () => {
	it('writes exactly what the generator produces', async () => {
		expect(await isDatabaseEmpty(db)).toBe(true);
		const expected = generateDemoData({ until: '2026-10' });
		const result = await seedDemoData(db, { until: '2026-10' });
		expect(result).toEqual({
			jobcenters: expected.jobcenters.length,
			metrics: expected.metrics.length
		});
		expect(await counts()).toEqual(result);
		expect(await isDatabaseEmpty(db)).toBe(false);

		const row = await db
			.selectFrom('monthly_metric')
			.innerJoin('jobcenter', 'jobcenter.id', 'monthly_metric.jobcenter_id')
			.select(['jobcenter.code', 'monthly_metric.channel_id', 'monthly_metric.month'])
			.select(['monthly_metric.followers', 'monthly_metric.staff_hours'])
			.where('jobcenter.code', '=', expected.metrics[0].code)
			.where('monthly_metric.channel_id', '=', expected.metrics[0].channel)
			.where('monthly_metric.month', '=', expected.metrics[0].month)
			.executeTakeFirstOrThrow();
		expect(row.followers).toBe(expected.metrics[0].followers);
		expect(row.staff_hours).toBe(expected.metrics[0].staff_hours);
	});

	it("records Meta's change for Facebook and Instagram inside the period, and the demo jobcenter's own events", async () => {
		await seedDemoData(db, { until: '2026-10' });
		const events = await db
			.selectFrom('series_event as e')
			.leftJoin('jobcenter as j', 'j.id', 'e.jobcenter_id')
			.select(['j.code', 'e.channel_id', 'e.month', 'e.kind', 'e.title'])
			.orderBy('e.id')
			.execute();
		const meta = events.filter((e) => e.code === null);
		expect(meta.map((e) => [e.channel_id, e.month, e.title])).toEqual([
			['facebook', '2025-02', 'Meta: Aufrufe ersetzen Impressionen'],
			['instagram', '2025-02', 'Meta: Aufrufe ersetzen Impressionen']
		]);
		// The demo period is the 24 months up to `until`.
		expect(events.every((e) => e.month >= '2024-11' && e.month <= '2026-10')).toBe(true);
		expect(events.filter((e) => e.code === '05754').map((e) => e.kind)).toEqual([
			'campaign',
			'staffing'
		]);
		expect(events.filter((e) => e.code !== null && e.code !== '05754').length).toBeGreaterThan(0);
	});

	it('refuses a database that already holds jobcenters and changes nothing', async () => {
		await seedDemoData(db, { until: '2026-10' });
		const before = await counts();
		await expect(seedDemoData(db, { until: '2026-10', seed: 1 })).rejects.toThrow(
			/already holds jobcenters/
		);
		expect(await counts()).toEqual(before);
	});
});

describe('the demo rounds', () => {
	it('hold last year’s round, closed with its snapshot, and this year’s, open, after it', async () => {
		await seedDemoData(db, { until: '2026-10' });
		const ids = await demoRoundIds(db);
		if (!ids) throw new Error('no demo rounds');
		const closed = await getRound(db, ids.closed);
		const open = await getRound(db, ids.open);
		expect(closed).toMatchObject({ from: '2025-05', to: '2025-10', status: 'closed' });
		expect(open).toMatchObject({ from: '2026-05', to: '2026-10', status: 'open' });
		expect(open?.predecessorId).toBe(ids.closed);
		// Both on the demo jobcenter's ring, so that the demo account takes part.
		const ring = DEMO_JOBCENTERS.filter((j) => j.ring === 'Vergleichsring Optionskommunen');
		for (const round of [closed, open]) {
			expect(round?.participants.map((p) => p.code)).toEqual(ring.map((j) => j.code).sort());
		}
		expect(await snapshotInfo(db, ids.closed)).toEqual({
			closedAt: '2025-12-15T10:00:00.000Z',
			closedBy: 'demo'
		});
		const frozen = await db
			.selectFrom('round_snapshot_metric')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('round_id', '=', ids.closed)
			.executeTakeFirstOrThrow();
		expect(Number(frozen.n)).toBeGreaterThan(ring.length * 6);
	});

	it('leave some of the open round’s submissions missing or incomplete', async () => {
		await seedDemoData(db, { until: '2026-10' });
		const ids = await demoRoundIds(db);
		const open = await getRound(db, ids!.open);
		const { rows } = await submissions(db, open!, open!.participants);
		const gaps = rows.flatMap((r) => r.months.filter((c) => c.status !== 'complete'));
		expect(gaps.length).toBeGreaterThan(0);
		expect(gaps.length).toBeLessThan(rows.length * 6);
	});

	it('are not there in a database without them', async () => {
		expect(await demoRoundIds(db)).toBeNull();
	});
});
