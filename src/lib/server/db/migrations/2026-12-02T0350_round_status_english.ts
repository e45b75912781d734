/**
 * Stored round statuses in English (`offen` → `open`, `abgeschlossen` → `closed`), now checked.
 * Frozen once applied: only this file still knows the German values.
 */
import { sql, type Kysely } from 'kysely';

const GERMAN_TO_ENGLISH: [string, string][] = [
	['offen', 'open'],
	['abgeschlossen', 'closed']
];

export async function up(db: Kysely<unknown>): Promise<void> {
	await rebuildRound(
		db,
		GERMAN_TO_ENGLISH,
		sql`default 'open' not null check (status in ('open', 'closed'))`
	);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	const back = GERMAN_TO_ENGLISH.map(([de, en]): [string, string] => [en, de]);
	await rebuildRound(db, back, sql`default 'offen' not null`);
}

/**
 * SQLite cannot change a column's default or check in place, so the table is rebuilt the way its
 * documentation prescribes (https://sqlite.org/lang_altertable.html#otheralter): foreign keys off,
 * so that dropping the old table cascades into nothing, then copy, rename and check every reference
 * (round_member, round_snapshot, round_event, report_token, practice_profile, predecessor_id).
 * The migrator runs SQLite migrations outside a transaction, so the pragma takes effect here.
 */
async function rebuildRound(
	db: Kysely<unknown>,
	mapping: [string, string][],
	statusColumn: ReturnType<typeof sql>
): Promise<void> {
	const renamed = sql.join(
		mapping.map(([from, to]) => sql`when ${sql.lit(from)} then ${sql.lit(to)}`),
		sql` `
	);
	await sql`pragma foreign_keys = off`.execute(db);
	try {
		await db.transaction().execute(async (trx) => {
			await sql`create table round_rebuilt (
				id integer primary key,
				name text not null check (length(trim(name)) > 0),
				from_month text not null check (from_month glob '[0-9][0-9][0-9][0-9]-[01][0-9]'),
				to_month text not null check (to_month glob '[0-9][0-9][0-9][0-9]-[01][0-9]'),
				created_at text default (strftime('%Y-%m-%dT%H:%M:%fZ','now')) not null,
				created_by text not null,
				status text ${statusColumn},
				predecessor_id integer references round (id) on delete set null
					check (predecessor_id is null or predecessor_id != id),
				constraint round_period check (from_month <= to_month)
			)`.execute(trx);
			await sql`insert into round_rebuilt
				select id, name, from_month, to_month, created_at, created_by,
					case status ${renamed} else status end, predecessor_id
				from round`.execute(trx);
			await sql`drop table round`.execute(trx);
			await sql`alter table round_rebuilt rename to round`.execute(trx);
			const broken = await sql`pragma foreign_key_check`.execute(trx);
			if (broken.rows.length > 0)
				throw new Error(`${broken.rows.length} references to rounds would break`);
		});
	} finally {
		await sql`pragma foreign_keys = on`.execute(db);
	}
}
