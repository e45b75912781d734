/** Writes the generated demo data into an empty database, all or nothing: jobcenters, figures and two rounds. */
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '$lib/server/db';
import { hasJobcenters } from '$lib/server/db/jobcenters';
import type { Database, MonthlyMetricTable } from '$lib/server/db/schema';
import { insertDemoEvents } from './events';
import { generateDemoData, type DemoJobcenter, type DemoMetric } from './generate';
import { seedDemoProfiles } from './profiles';
import { seedDemoRounds } from './rounds';

export { demoRoundIds, type DemoRoundIds } from './rounds';

// 12 columns × 500 rows stays far below SQLite's limit of 32,766 bound values per statement.
const BATCH = 500;

export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
	return !(await hasJobcenters(db));
}

export async function seedDemoData(
	db: DB,
	options: { until: string; seed?: number }
): Promise<{ jobcenters: number; metrics: number }> {
	const data = generateDemoData(options);
	await db.transaction().execute(async (trx) => {
		// Checked inside the transaction, so that a concurrent writer cannot slip in between.
		if (!(await isDatabaseEmpty(trx))) {
			throw new Error(
				'The database already holds jobcenters; demo data can only be loaded into an empty database.'
			);
		}
		const ids = await insertJobcenters(trx, data.jobcenters);
		await insertMetrics(trx, data.metrics, ids);
		await seedDemoRounds(trx, options.until);
		await insertDemoEvents(trx, ids, options.until);
	});
	// Every round that exists by now (the demo's rounds) gets its practice profiles.
	for (const round of await db.selectFrom('round').select('id').execute()) {
		await seedDemoProfiles(db, round.id);
	}
	return { jobcenters: data.jobcenters.length, metrics: data.metrics.length };
}

async function insertJobcenters(
	trx: Kysely<Database>,
	jobcenters: DemoJobcenter[]
): Promise<Map<string, number>> {
	const ids = new Map<string, number>();
	for (const batch of chunks(jobcenters)) {
		const rows = await trx
			.insertInto('jobcenter')
			.values(batch)
			.returning(['id', 'code'])
			.execute();
		for (const { id, code } of rows) ids.set(code, id);
	}
	return ids;
}

async function insertMetrics(
	trx: Kysely<Database>,
	metrics: DemoMetric[],
	ids: Map<string, number>
): Promise<void> {
	for (const batch of chunks(metrics)) {
		const rows: Insertable<MonthlyMetricTable>[] = batch.map(({ code, channel, ...figures }) => ({
			jobcenter_id: ids.get(code) as number,
			channel_id: channel,
			...figures
		}));
		await trx.insertInto('monthly_metric').values(rows).execute();
	}
}

function chunks<T>(items: T[]): T[][] {
	const result: T[][] = [];
	for (let i = 0; i < items.length; i += BATCH) result.push(items.slice(i, i + BATCH));
	return result;
}
