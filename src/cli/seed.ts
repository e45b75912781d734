/**
 * `npm run seed [-- --until YYYY-MM] [--seed N]`: fills a fresh database with demo jobcenters and figures.
 * `npm run seed -- --profiles ROUND_ID`: adds demo practice profiles to a round of any database.
 */
import { parseArgs } from 'node:util';
import { isMonth } from '$lib/months';
import { isFutureMonth, lastCompleteMonth } from '$lib/server/clock';
import { seedDemoProfiles } from '$lib/server/demo/profiles';
import { isDatabaseEmpty, seedDemoData } from '$lib/server/demo/seed';
import { getRound } from '$lib/server/rounds';
import { exit, openAppDatabase, run, say } from './common';

const USAGE = 'Usage: npm run seed -- [--until YYYY-MM] [--seed N] | --profiles ROUND_ID';

function readOptions(args: string[]): { until: string; seed?: number; profiles?: number } {
	let values: { until?: string; seed?: string; profiles?: string };
	try {
		({ values } = parseArgs({
			args,
			options: { until: { type: 'string' }, seed: { type: 'string' }, profiles: { type: 'string' } }
		}));
	} catch (e) {
		exit(`${(e as Error).message}. ${USAGE}`);
	}
	if (values.profiles !== undefined) {
		if (!/^\d{1,9}$/.test(values.profiles))
			exit(`--profiles must be a round id, not "${values.profiles}".`);
		return { until: '', profiles: Number(values.profiles) };
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
	if (options.profiles !== undefined) {
		try {
			if (!(await getRound(db, options.profiles)))
				exit(`There is no round ${options.profiles}.`, 1);
			say(`Seeded ${await seedDemoProfiles(db, options.profiles)} practice profiles.`);
		} finally {
			await db.destroy();
		}
		return;
	}
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
