/**
 * `npm run restore -- FILE [--lang de|en]`: replaces the database at DATABASE_PATH with a checked backup
 * while no server runs.
 */
import { resolve } from 'node:path';
import { readConfig } from '$lib/server/config';
import { restoreDatabase } from '$lib/server/db/backup';
import { inLang, readFileArgument, run, say } from './common';

const USAGE =
	'Usage: npm run restore -- FILE [--lang de|en] (a file made by "npm run backup"; stop the server first).';

run(async () => {
	const { file, lang } = readFileArgument(USAGE);
	const t = inLang(lang);
	const databasePath = readConfig().databasePath;
	const backup = resolve(file);
	await restoreDatabase(backup, databasePath);
	say(
		t(
			`${databasePath} aus ${backup} wiederhergestellt; der Server migriert die Datenbank bei seinem nächsten Start, falls nötig.`,
			`Restored ${databasePath} from ${backup}; the server migrates it on its next start if needed.`
		)
	);
});
