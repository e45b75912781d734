/** `npm run restore -- FILE`: replaces the database at DATABASE_PATH with a checked backup while no server runs. */
import { resolve } from 'node:path';
import { readConfig } from '$lib/server/config';
import { restoreDatabase } from '$lib/server/db/backup';
import { exit, run, say } from './common';

const USAGE =
	'Usage: npm run restore -- FILE (a file made by "npm run backup"; stop the server first).';

run(async () => {
	const args = process.argv.slice(2);
	if (args.length !== 1 || args[0].startsWith('-')) exit(USAGE);
	const databasePath = readConfig().databasePath;
	const backup = resolve(args[0]);
	await restoreDatabase(backup, databasePath);
	say(
		`Restored ${databasePath} from ${backup}; the server migrates it on its next start if needed.`
	);
});
