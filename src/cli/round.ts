/**
 * `npm run round -- create --name NAME --from YYYY-MM --to YYYY-MM (--ring RING | --jobcenters CODE,CODE,…) [--predecessor ID]`
 * `npm run round -- list`, `npm run round -- close ID` and `npm run round -- reopen ID`: benchlearning rounds
 * from the command line; messages on stderr in the language of `--lang de|en`.
 */
import { parseArgs } from 'node:util';
import { audit } from '$lib/server/auth/audit';
import { closeRound, reopenRound } from '$lib/server/lifecycle';
import { createRound, listRounds } from '$lib/server/rounds';
import { exit, inLang, openAppDatabase, run, say, useLang } from './common';

const USAGE =
	'Usage: npm run round -- create --name NAME --from YYYY-MM --to YYYY-MM (--ring RING | --jobcenters CODE,CODE,…) [--predecessor ID] | list | close ID | reopen ID [--lang de|en]';

const CLI_ACTOR = { userId: null, email: 'cli' };

function readOptions() {
	try {
		return parseArgs({
			allowPositionals: true,
			options: {
				name: { type: 'string' },
				from: { type: 'string' },
				to: { type: 'string' },
				ring: { type: 'string' },
				jobcenters: { type: 'string' },
				predecessor: { type: 'string' },
				lang: { type: 'string' }
			}
		});
	} catch (e) {
		exit(`${(e as Error).message}\n${USAGE}`);
	}
}

run(async () => {
	const { values, positionals } = readOptions();
	const lang = useLang(values.lang, USAGE);
	const t = inLang(lang);
	const command = positionals[0];
	const lifecycle = ['close', 'reopen'].includes(command);
	if (
		lifecycle ? positionals.length !== 2 || !/^\d+$/.test(positionals[1]) : positionals.length !== 1
	)
		exit(USAGE);
	if (!['create', 'list', 'close', 'reopen'].includes(command)) exit(USAGE);

	const db = await openAppDatabase();
	try {
		if (lifecycle) {
			const id = Number(positionals[1]);
			const result = await (command === 'close' ? closeRound : reopenRound)(db, id, CLI_ACTOR);
			if (!result.ok) exit(result.message);
			say(
				command === 'close'
					? t(
							`Runde ${id} abgeschlossen; ihre Zahlen sind jetzt eingefroren.`,
							`Round ${id} closed; its figures are frozen now.`
						)
					: t(`Runde ${id} wieder geöffnet.`, `Round ${id} reopened.`)
			);
			return;
		}
		if (command === 'list') {
			// Data, like `user list`: English column names whatever --lang says.
			process.stdout.write('id\tname\tfrom\tto\tparticipants\tstatus\n');
			for (const r of await listRounds(db)) {
				process.stdout.write(`${r.id}\t${r.name}\t${r.from}\t${r.to}\t${r.members}\t${r.status}\n`);
			}
			return;
		}
		const input = {
			name: values.name ?? '',
			from: values.from ?? '',
			to: values.to ?? '',
			ring: values.ring ?? null,
			jobcenters: values.jobcenters?.split(',') ?? [],
			predecessor: values.predecessor === undefined ? null : Number(values.predecessor)
		};
		if (input.predecessor !== null && !Number.isSafeInteger(input.predecessor))
			exit(
				t(
					`--predecessor erwartet die Nummer einer Runde, nicht „${values.predecessor}“.`,
					`--predecessor expects the id of a round, not "${values.predecessor}".`
				)
			);
		const result = await createRound(db, input, CLI_ACTOR.email);
		if (!result.ok) exit(result.problems.map((p) => p.message).join('\n'));
		await audit(db, CLI_ACTOR, 'round_created', `${result.id}: ${input.name.trim()}`);
		// The id alone on stdout, so that a script can go on with `--round $(npm run -s round -- create …)`.
		process.stdout.write(`${result.id}\n`);
		say(
			t(
				`Runde ${result.id} „${input.name.trim()}“ angelegt.`,
				`Round ${result.id} "${input.name.trim()}" created.`
			)
		);
	} finally {
		await db.destroy();
	}
});
