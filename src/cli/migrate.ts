/** `npm run migrate [-- --lang de|en]`: applies pending migrations to the database at DATABASE_PATH. */
import { parseArgs } from 'node:util';
import { migrateToLatest } from '$lib/server/db';
import { exit, inLang, openAppDatabase, run, say, useLang } from './common';

const USAGE = 'Usage: npm run migrate -- [--lang de|en]';

function readLang() {
	try {
		return parseArgs({ options: { lang: { type: 'string' } } }).values.lang;
	} catch (e) {
		exit(`${(e as Error).message}\n${USAGE}`);
	}
}

run(async () => {
	const t = inLang(useLang(readLang(), USAGE));
	const db = await openAppDatabase();
	// openAppDatabase has migrated already; a second call reports that nothing is pending.
	const applied = await migrateToLatest(db);
	say(
		applied.length
			? t(`Angewendet: ${applied.join(', ')}`, `Applied: ${applied.join(', ')}`)
			: t('Das Datenbankschema ist aktuell.', 'The database schema is up to date.')
	);
	await db.destroy();
});
