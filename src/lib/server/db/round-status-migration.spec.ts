/**
 * The round-status migration renames `offen`/`abgeschlossen` to `open`/`closed` in a database that
 * already has rounds in both states, and keeps every row and reference that hangs on a round.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, sqliteOf, type DB } from '.';
import { migrations } from './migrations';

const LEVEL = '2026-12-02T0150_series_events';

const open: DB[] = [];
afterEach(async () => {
	while (open.length) await open.pop()!.destroy();
});

/** A database at the schema before the migration, written as the app wrote it then. */
async function oldDatabase(): Promise<DB> {
	const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'benchlearn-status-')), 'test.db'));
	open.push(db);
	const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
	expect((await migrator.migrateTo(LEVEL)).error).toBeUndefined();
	const run = (statement: string) => sqliteOf(db).exec(statement);
	run(`insert into jobcenter (id, code, name, state, carrier, elb) values
		(1, '05754', 'Jobcenter Kreis Gütersloh', 'NW', 'zkT', 11000),
		(2, '05158', 'Jobcenter Kreis Mettmann', 'NW', 'gE', 21000)`);
	run(`insert into round (id, name, from_month, to_month, created_by, status) values
		(1, 'Ost 2025', '2025-01', '2025-06', 'cli', 'abgeschlossen')`);
	// The column's old default: a round written without a status was open.
	run(`insert into round (id, name, from_month, to_month, created_by, predecessor_id) values
		(2, 'Ost 2026', '2026-01', '2026-06', 'a@example.org', 1)`);
	run(`insert into round_member (round_id, jobcenter_id) values (1, 1), (1, 2), (2, 1)`);
	run(`insert into round_snapshot (round_id, closed_at, closed_by, min_peers, fte_hours_per_month)
		values (1, '2025-07-01T00:00:00.000Z', 'cli', 5, 169)`);
	run(
		`insert into round_event (round_id, at, actor, action) values (1, '2025-07-01', 'cli', 'closed')`
	);
	run(`insert into report_token (id, round_id, expires_at) values ('t', 2, 0)`);
	run(`insert into practice_profile (round_id, jobcenter_id, updated_by) values (2, 1, 'cli')`);
	return db;
}

it('renames both statuses and keeps every round, member, snapshot, event, token and profile', async () => {
	const db = await oldDatabase();
	expect(await migrateToLatest(db)).toEqual(['2026-12-02T0350_round_status_english']);

	const rounds = await db
		.selectFrom('round')
		.select(['id', 'name', 'status', 'predecessor_id', 'created_by'])
		.orderBy('id')
		.execute();
	expect(rounds).toEqual([
		{ id: 1, name: 'Ost 2025', status: 'closed', predecessor_id: null, created_by: 'cli' },
		{ id: 2, name: 'Ost 2026', status: 'open', predecessor_id: 1, created_by: 'a@example.org' }
	]);
	const count = (table: string) =>
		(sqliteOf(db).prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
	expect(
		['round_member', 'round_snapshot', 'round_event', 'report_token', 'practice_profile'].map(count)
	).toEqual([3, 1, 1, 1, 1]);
});

it('leaves the references working: foreign keys on, cascades and the new default and check', async () => {
	const db = await oldDatabase();
	await migrateToLatest(db);
	const sqlite = sqliteOf(db);
	expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
	expect(sqlite.pragma('foreign_key_check')).toEqual([]);

	// A member of a round that does not exist is still refused.
	expect(() => sqlite.exec('insert into round_member values (99, 1)')).toThrow(/FOREIGN KEY/);
	// The old values cannot come back, and a round written without a status is open.
	expect(() => sqlite.exec(`update round set status = 'offen' where id = 2`)).toThrow(/CHECK/);
	sqlite.exec(
		`insert into round (id, name, from_month, to_month, created_by) values (3, 'Neu', '2026-07', '2026-12', 'cli')`
	);
	expect(sqlite.prepare('select status from round where id = 3').get()).toEqual({ status: 'open' });

	// Deleting the closed round cascades into its members and snapshot and unlinks its successor.
	sqlite.exec('delete from round where id = 1');
	expect(sqlite.prepare('select count(*) as n from round_member').get()).toEqual({ n: 1 });
	expect(sqlite.prepare('select count(*) as n from round_snapshot').get()).toEqual({ n: 0 });
	expect(sqlite.prepare('select predecessor_id from round where id = 2').get()).toEqual({
		predecessor_id: null
	});
});

it('goes back to the German values when migrated down', async () => {
	const db = await oldDatabase();
	await migrateToLatest(db);
	const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
	expect((await migrator.migrateTo(LEVEL)).error).toBeUndefined();
	const rows = sqliteOf(db).prepare('select status from round order by id').all();
	expect(rows).toEqual([{ status: 'abgeschlossen' }, { status: 'offen' }]);
	expect(sqliteOf(db).prepare('select count(*) as n from round_member').get()).toEqual({ n: 3 });
});
