/** What GET /healthz reports: whether the database answers and how far it is migrated, never any data. */
import { sql } from 'kysely';
import type { DB } from './db';
import { migrations } from './db/migrations';
import { log } from './log';

export type Health =
	| { status: 'ok'; database: 'ok'; migration: { latest: string | null; pending: number } }
	| { status: 'error'; database: 'unavailable' };

/** One read of Kysely's migration table: it fails like any page would when the file is broken. */
export async function health(db: DB): Promise<Health> {
	try {
		const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
		const applied = new Set(rows.map((r) => r.name));
		const known = Object.keys(migrations).sort();
		return {
			status: 'ok',
			database: 'ok',
			migration: {
				latest: known.filter((name) => applied.has(name)).at(-1) ?? null,
				pending: known.filter((name) => !applied.has(name)).length
			}
		};
	} catch (err) {
		log.error({ err }, 'health check: the database does not answer');
		return { status: 'error', database: 'unavailable' };
	}
}
