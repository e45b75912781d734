/** `npm run seed [-- --until YYYY-MM] [--seed N]`: fills a fresh database with demo jobcenters and figures. */
import { parseArgs } from 'node:util';
import { isMonth } from '$lib/months';
import { isFutureMonth, lastCompleteMonth } from '$lib/server/clock';
import { isDatabaseEmpty, seedDemoData } from '$lib/server/demo/seed';
import { exit, openAppDatabase, run, say } from './common';

function readOptions(args: string[]): { until: string; seed?: number } {
	let values: { until?: string; seed?: string };
	try {
		({ values } = parseArgs({
			args,
			options: { until: { type: 'string' }, seed: { type: 'string' } }
		}));
	} catch (e) {
		exit(`${(e as Error).message}. Usage: npm run seed -- [--until YYYY-MM] [--seed N]`);
	}
	const until = values.until ?? lastCompleteMonth();
	if (!isMonth(until)) exit(`--until must be a month YYYY-MM, not "${until}".`);
	if (isFutureMonth(until))
		exit(`--until ${until} lies in the future; choose this month or earlier.`);
	if (values.seed === undefined) return { until };
	const seed = Number(values.seed);
	if (!/^\d+$/.test(values.seed) || !Number.isSafeInteger(seed)) {
		exit(`--seed must be a whole number, not "${values.seed}".`);
	}
	return { until, seed };
}

run(async () => {
	const options = readOptions(process.argv.slice(2));
	const db = await openAppDatabase();
	if (!(await isDatabaseEmpty(db))) {
		await db.destroy();
		exit('The database already holds jobcenters; set DATABASE_PATH to a fresh file to seed it.', 1);
	}
	say(`Generating demo data for the 24 months up to ${options.until} …`);
	try {
		const counts = await seedDemoData(db, options);
		say(`Seeded ${counts.jobcenters} jobcenters and ${counts.metrics} monthly rows.`);
	} finally {
		await db.destroy();
	}
});
