/** `npm run migrate`: applies pending migrations to the database at DATABASE_PATH. */
import { migrateToLatest } from '$lib/server/db';
import { openAppDatabase, run, say } from './common';

run(async () => {
	const db = await openAppDatabase();
	// openAppDatabase has migrated already; a second call reports that nothing is pending.
	const applied = await migrateToLatest(db);
	say(applied.length ? `Applied: ${applied.join(', ')}` : 'The database schema is up to date.');
	await db.destroy();
});
