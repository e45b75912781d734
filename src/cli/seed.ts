/**
 * `npm run seed [-- --until YYYY-MM] [--seed N]`: fills a fresh database with demo jobcenters and figures.
 * `npm run seed -- --profiles ROUND_ID`: adds demo practice profiles to a round of any database.
 * Messages on stderr in the language of `--lang de|en`.
 */
import { parseArgs } from 'node:util';
import { isMonth } from '$lib/months';
import { isFutureMonth, lastCompleteMonth } from '$lib/server/clock';
import { seedDemoProfiles } from '$lib/server/demo/profiles';
import { isDatabaseEmpty, seedDemoData } from '$lib/server/demo/seed';
import { getRound } from '$lib/server/rounds';
import { exit, inLang, openAppDatabase, run, say, useLang } from './common';

const USAGE =
	'Usage: npm run seed -- [--until YYYY-MM] [--seed N] | --profiles ROUND_ID [--lang de|en]';

let t = inLang('de');

function readOptions(args: string[]): { until: string; seed?: number; profiles?: number } {
	let values: { until?: string; seed?: string; profiles?: string; lang?: string };
	try {
		({ values } = parseArgs({
			args,
			options: {
				until: { type: 'string' },
				seed: { type: 'string' },
				profiles: { type: 'string' },
				lang: { type: 'string' }
			}
		}));
	} catch (e) {
		exit(`${(e as Error).message}. ${USAGE}`);
	}
	t = inLang(useLang(values.lang, USAGE));
	if (values.profiles !== undefined) {
		if (!/^\d{1,9}$/.test(values.profiles))
			exit(
				t(
					`--profiles erwartet die Nummer einer Runde, nicht „${values.profiles}“.`,
					`--profiles must be a round id, not "${values.profiles}".`
				)
			);
		return { until: '', profiles: Number(values.profiles) };
	}
	const until = values.until ?? lastCompleteMonth();
	if (!isMonth(until))
		exit(
			t(
				`--until erwartet einen Monat im Format JJJJ-MM, nicht „${until}“.`,
				`--until must be a month YYYY-MM, not "${until}".`
			)
		);
	if (isFutureMonth(until))
		exit(
			t(
				`--until ${until} liegt in der Zukunft; wählen Sie diesen Monat oder einen früheren.`,
				`--until ${until} lies in the future; choose this month or earlier.`
			)
		);
	if (values.seed === undefined) return { until };
	const seed = Number(values.seed);
	if (!/^\d+$/.test(values.seed) || !Number.isSafeInteger(seed)) {
		exit(
			t(
				`--seed erwartet eine ganze Zahl, nicht „${values.seed}“.`,
				`--seed must be a whole number, not "${values.seed}".`
			)
		);
	}
	return { until, seed };
}

run(async () => {
	const options = readOptions(process.argv.slice(2));
	const db = await openAppDatabase();
	if (options.profiles !== undefined) {
		try {
			if (!(await getRound(db, options.profiles)))
				exit(
					t(
						`Die Runde ${options.profiles} gibt es nicht.`,
						`There is no round ${options.profiles}.`
					),
					1
				);
			const seeded = await seedDemoProfiles(db, options.profiles);
			say(t(`${seeded} Steckbriefe angelegt.`, `Seeded ${seeded} practice profiles.`));
		} finally {
			await db.destroy();
		}
		return;
	}
	if (!(await isDatabaseEmpty(db))) {
		await db.destroy();
		exit(
			t(
				'Die Datenbank enthält schon Jobcenter; setzen Sie DATABASE_PATH auf eine neue Datei, um sie mit Demodaten zu füllen.',
				'The database already holds jobcenters; set DATABASE_PATH to a fresh file to seed it.'
			),
			1
		);
	}
	say(
		t(
			`Demodaten für die 24 Monate bis ${options.until} werden erzeugt …`,
			`Generating demo data for the 24 months up to ${options.until} …`
		)
	);
	try {
		const counts = await seedDemoData(db, options);
		say(
			t(
				`${counts.jobcenters} Jobcenter und ${counts.metrics} Monatszeilen angelegt.`,
				`Seeded ${counts.jobcenters} jobcenters and ${counts.metrics} monthly rows.`
			)
		);
	} finally {
		await db.destroy();
	}
});
