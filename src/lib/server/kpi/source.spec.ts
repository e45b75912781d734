import { describe, expect, it } from 'vitest';
import { CHANNELS } from '$lib/channels';
import { addMonths } from '$lib/months';
import type { DB } from '$lib/server/db';
import { METRICS } from '$lib/server/db/schema';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { readKpiSettings } from './settings';
import { tableSource } from './source';
import { elbAt } from './types';

describe('elbAt', () => {
	const history = [
		{ validFrom: '2025-01', elb: 900 },
		{ validFrom: '2026-02', elb: 500 }
	];

	it('takes the value valid in the month, and the first value for earlier months', () => {
		expect(elbAt(history, '2026-01')).toBe(900);
		expect(elbAt(history, '2026-02')).toBe(500);
		expect(elbAt(history, '2030-12')).toBe(500);
		expect(elbAt(history, '2020-06')).toBe(900);
		expect(elbAt([], '2026-01')).toBeNull();
	});
});

/** Seven jobcenters with ten years of every channel, each row's posts its jobcenter's id. */
async function tenYears(db: DB) {
	const ids: number[] = [];
	for (let j = 0; j < 7; j++) ids.push(await addJobcenter(db, `0500${j}`));
	const months = Array.from({ length: 120 }, (_, i) => addMonths('2016-11', i));
	for (const id of ids)
		await db
			.insertInto('monthly_metric')
			.values(
				CHANNELS.flatMap((c) =>
					months.map((month) => ({
						jobcenter_id: id,
						channel_id: c.id,
						month,
						upload_id: null,
						...Object.fromEntries(METRICS.map((m) => [m, null])),
						posts: id
					}))
				)
			)
			.execute();
	return { ids, months };
}

describe('tableSource.metricRows', () => {
	it('reads many jobcenters in slices, letting other work run in between, with every row', async () => {
		const db = await testDatabase();
		const { ids, months } = await tenYears(db);
		const source = tableSource(db, readKpiSettings({}));
		let ranMeanwhile = false;
		setImmediate(() => (ranMeanwhile = true));
		// Ten years of every channel: a few jobcenters per query.
		const rows = await source.metricRows([...ids].reverse(), '2016-11', '2026-10', null);
		expect(ranMeanwhile).toBe(true);
		expect([...rows.keys()]).toEqual(ids);
		for (const id of ids) {
			expect(rows.get(id)).toHaveLength(CHANNELS.length * months.length);
			expect(rows.get(id)?.every((row) => row.posts === id)).toBe(true);
		}
	});

	it('gives one state of the data while writes keep coming between the slices', async () => {
		const db = await testDatabase();
		const { ids } = await tenYears(db);
		const source = tableSource(db, readKpiSettings({}));
		let writes = 0;
		let writing = true;
		const writer = (async () => {
			while (writing) {
				await db.updateTable('monthly_metric').set({ posts: ++writes }).execute();
				await new Promise((resolve) => setImmediate(resolve));
			}
		})();
		const rows = await source.metricRows(ids, '2016-11', '2026-10', null);
		writing = false;
		await writer;
		expect(writes).toBeGreaterThan(1);
		expect(new Set([...rows.values()].flat().map((row) => row.posts)).size).toBe(1);
	});
});
