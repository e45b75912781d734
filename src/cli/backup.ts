/** `npm run backup -- FILE`: writes a consistent copy of the database at DATABASE_PATH, also while the server runs. */
import { resolve } from 'node:path';
import { readConfig } from '$lib/server/config';
import { backupDatabase } from '$lib/server/db/backup';
import { exit, run, say } from './common';

const USAGE = 'Usage: npm run backup -- FILE (a new file; the database comes from DATABASE_PATH).';

run(async () => {
	const args = process.argv.slice(2);
	if (args.length !== 1 || args[0].startsWith('-')) exit(USAGE);
	const databasePath = readConfig().databasePath;
	const target = resolve(args[0]);
	await backupDatabase(databasePath, target);
	say(`Backed up ${databasePath} to ${target}.`);
});
