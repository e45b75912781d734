/**
 * `npm run backup -- FILE [--lang de|en]`: writes a consistent copy of the database at DATABASE_PATH,
 * also while the server runs.
 */
import { resolve } from 'node:path';
import { readConfig } from '$lib/server/config';
import { backupDatabase } from '$lib/server/db/backup';
import { inLang, readFileArgument, run, say } from './common';

const USAGE =
	'Usage: npm run backup -- FILE [--lang de|en] (a new file; the database comes from DATABASE_PATH).';

run(async () => {
	const { file, lang } = readFileArgument(USAGE);
	const t = inLang(lang);
	const databasePath = readConfig().databasePath;
	const target = resolve(file);
	await backupDatabase(databasePath, target);
	say(t(`${databasePath} nach ${target} gesichert.`, `Backed up ${databasePath} to ${target}.`));
});
