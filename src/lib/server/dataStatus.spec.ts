import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { dataStatus } from './dataStatus';

const FULL = {
	followers: 1200,
	posts: 8,
	impressions: 5400,
	reach: 3100,
	reactions: 120,
	comments: 14,
	shares: 6,
	replies: 9,
	staff_hours: 12.5,
	response_hours: null
};

/**
 * Three jobcenters of a ring and one outside it, over three months:
 * - 05754 reports Facebook and Instagram every month, but Instagram lacks its hours in February
 *   and is missing in March;
 * - 05911 delivers January only;
 * - 09162 delivers nothing at all;
 * - 03241 (no ring) is complete.
 */
async function fixture() {
	const db = await testDatabase();
	const a = await addJobcenter(db, '05754', 'Ring Nord');
	const b = await addJobcenter(db, '05911', 'Ring Nord');
	await addJobcenter(db, '09162', 'Ring Nord');
	const d = await addJobcenter(db, '03241', null);
	const row = (jobcenter_id: number, month: string, channel_id: string, figures = {}) => ({
		jobcenter_id,
		month,
		channel_id,
		upload_id: null,
		...FULL,
		...figures
	});
	await db
		.insertInto('monthly_metric')
		.values([
			row(a, '2026-01', 'facebook'),
			row(a, '2026-01', 'instagram'),
			row(a, '2026-02', 'facebook'),
			row(a, '2026-02', 'instagram', { staff_hours: null }),
			row(a, '2026-03', 'facebook'),
			row(b, '2026-01', 'youtube'),
			row(d, '2026-01', 'x'),
			row(d, '2026-02', 'x'),
			row(d, '2026-03', 'x'),
			// Outside the period: must not count.
			row(b, '2025-12', 'tiktok')
		])
		.execute();
	return db;
}

const summary = (rows: Awaited<ReturnType<typeof dataStatus>>['rows']) =>
	Object.fromEntries(
		rows.map((r) => [
			r.code,
			r.cells.map((c) => [c.status, c.missing.join('+'), c.incomplete.join('+')].join(' ').trim())
		])
	);

describe('dataStatus', () => {
	it('finds every gap of the hand-made ring: months without data, missing channels, missing figures', async () => {
		const db = await fixture();
		const { months, rows } = await dataStatus(db, {
			ring: 'Ring Nord',
			members: null,
			from: '2026-01',
			to: '2026-03'
		});
		expect(months).toEqual(['2026-01', '2026-02', '2026-03']);
		expect(summary(rows)).toEqual({
			'05754': ['complete', 'figures  instagram', 'partial instagram'],
			'05911': ['complete', 'missing youtube', 'missing youtube'],
			'09162': ['missing', 'missing', 'missing']
		});
		expect(rows.map((r) => [r.code, r.gaps])).toEqual([
			['05754', 2],
			['05911', 2],
			['09162', 3]
		]);
	});

	it('keeps to the members of a round and shows a complete jobcenter without gaps', async () => {
		const db = await fixture();
		const ids = await db
			.selectFrom('jobcenter')
			.select('id')
			.where('code', 'in', ['03241'])
			.execute();
		const { rows } = await dataStatus(db, {
			ring: null,
			members: ids.map((r) => r.id),
			from: '2026-01',
			to: '2026-03'
		});
		expect(summary(rows)).toEqual({ '03241': ['complete', 'complete', 'complete'] });
		expect(rows[0].gaps).toBe(0);
	});
});
