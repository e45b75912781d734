import { describe, expect, it } from 'vitest';
import { testDatabase } from '$lib/server/db/testing';
import { dumpTables } from '$lib/server/db/dump';
import { seedDemoData } from '$lib/server/demo/seed';
import type { DB } from '$lib/server/db';
import { bufferSource } from './dialect';
import { csvLine, exportMetrics, exportRegister } from './export';
import { importFile } from './ingest';

async function collect(lines: AsyncIterable<string>): Promise<string> {
	let text = '';
	for await (const line of lines) text += line + '\n';
	return text;
}

function run(db: DB, text: string) {
	return importFile(db, bufferSource(text), {
		fileName: 'export.csv',
		userId: null,
		scope: { jobcenterId: null, mayImportRegister: true },
		env: { BENCHLEARN_TODAY: '2026-11-25' }
	});
}

describe('csvLine', () => {
	it('quotes only what needs quoting', () => {
		expect(csvLine(['a', 1, null, 2.5])).toBe('a,1,,2.5');
		expect(csvLine(['Kreis X, Y', 'say "hi"', ' pad'])).toBe('"Kreis X, Y","say ""hi"""," pad"');
	});
});

describe('export and re-import', () => {
	it('round-trips demo data without a single change', async () => {
		const db = await testDatabase();
		const { metrics } = await seedDemoData(db, { until: '2026-10' });
		const register = await collect(exportRegister(db));
		const csv = await collect(exportMetrics(db));
		expect(csv.split('\n')[0]).toBe(
			'jobcenter,month,channel,followers,posts,impressions,reach,reactions,comments,shares,replies,staff_hours,response_hours'
		);
		const before = await dumpTables(db);

		const reRegister = await run(db, register);
		expect(reRegister).toMatchObject({ errors: [], inserted: 0, updated: 0 });
		const result = await run(db, csv);
		expect(result).toMatchObject({ errors: [], inserted: 0, updated: 0, unchanged: metrics });
		const after = await dumpTables(db);
		expect(after.monthly_metric).toEqual(before.monthly_metric);
		expect(after.jobcenter).toEqual(before.jobcenter);
	});

	it('filters by jobcenter and months', async () => {
		const db = await testDatabase();
		await seedDemoData(db, { until: '2026-10' });
		const csv = await collect(
			exportMetrics(db, { jobcenter: '05754', from: '2026-01', to: '2026-03' })
		);
		const rows = csv.trim().split('\n').slice(1);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => /^05754,2026-0[123],/.test(r))).toBe(true);
	});
});
