/**
 * When the figures the KPI source reads may have changed: this connection's own writes to those
 * tables, counted by temporary triggers, and every commit of another connection (an import's
 * worker, a CLI), which SQLite's `data_version` counts.
 */
import { sql } from 'kysely';
import { sqliteOf, type DB } from '$lib/server/db';

/**
 * Every table `tableSource` reads, and `latestGoals` behind it. Sign-ins, sessions and audit
 * entries write other tables: before, each of them emptied every viewer's cache, so the next page
 * of every dashboard computed its peer group from scratch.
 */
export const KPI_TABLES = [
	'monthly_metric',
	'jobcenter',
	'jobcenter_elb',
	'practice_profile',
	'round',
	'channel'
];

const ownWrites = new WeakMap<DB, { count: number }>();

/**
 * Counts this connection's row changes in the KPI tables. Temporary triggers live only on this
 * connection, so imports on other connections pay nothing for them.
 */
function writesOf(db: DB): { count: number } {
	const known = ownWrites.get(db);
	if (known) return known;
	const writes = { count: 0 };
	const sqlite = sqliteOf(db);
	sqlite.function('benchlearn_kpi_write', { deterministic: false }, () => {
		writes.count++;
		return null;
	});
	const tables = sqlite
		.prepare(
			`select name from sqlite_schema where type = 'table' and name in (${KPI_TABLES.map(() => '?').join(', ')})`
		)
		.pluck()
		.all(...KPI_TABLES) as string[];
	for (const table of tables) {
		for (const event of ['insert', 'update', 'delete']) {
			sqlite.exec(`create temp trigger if not exists "benchlearn_kpi_${table}_${event}"
				after ${event} on main."${table}" begin select benchlearn_kpi_write(); end`);
		}
	}
	ownWrites.set(db, writes);
	return writes;
}

/** Changes whenever the KPI tables may have changed, and only then (also by a rolled-back write). */
export async function dataVersion(db: DB): Promise<string> {
	const writes = writesOf(db);
	const { rows } = await sql<{
		version: number;
	}>`select data_version as version from pragma_data_version`.execute(db);
	return `${writes.count}:${rows[0].version}`;
}
