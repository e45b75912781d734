import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '$lib/channels';
import { migrateToLatest, openDatabase, StartupError, type DB } from '.';
import { migrations } from './migrations';

const open: DB[] = [];
function freshDatabase(): DB {
	const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'benchlearn-mig-')), 'test.db'));
	open.push(db);
	return db;
}

afterEach(async () => {
	while (open.length) await open.pop()!.destroy();
});

const jobcenter = {
	code: '05754',
	name: 'Jobcenter Kreis Gütersloh',
	state: 'NW',
	carrier: 'zkT',
	elb: 11000
} as const;

describe('migrations', () => {
	it('build the whole schema on an empty database and apply nothing the second time', async () => {
		const db = freshDatabase();
		expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
		expect(await migrateToLatest(db)).toEqual([]);
		const tables = await db.introspection.getTables();
		expect(tables.map((t) => t.name)).toEqual(
			expect.arrayContaining([
				'channel',
				'jobcenter',
				'monthly_metric',
				'upload',
				'app_user',
				'session'
			])
		);
	});

	it('seed the same channel catalogue the app uses', async () => {
		const db = freshDatabase();
		await migrateToLatest(db);
		const rows = await db
			.selectFrom('channel')
			.select(['id', 'name'])
			.orderBy('sort_order')
			.execute();
		expect(rows).toEqual(CHANNELS.map((c) => ({ id: c.id, name: c.name })));
	});

	it('open the file with WAL, foreign keys and a busy timeout', async () => {
		const db = freshDatabase();
		const pragma = async (name: string) =>
			Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
		expect(await pragma('journal_mode')).toBe('wal');
		expect(await pragma('foreign_keys')).toBe(1);
		expect(await pragma('busy_timeout')).toBe(5000);
	});

	it('reject negative values, malformed months, unknown channels and duplicate keys', async () => {
		const db = freshDatabase();
		await migrateToLatest(db);
		const { id } = await db
			.insertInto('jobcenter')
			.values(jobcenter)
			.returning('id')
			.executeTakeFirstOrThrow();
		const row = { jobcenter_id: id, channel_id: 'facebook', month: '2026-01', followers: 10 };
		await db.insertInto('monthly_metric').values(row).execute();
		const insert = (r: object) =>
			db
				.insertInto('monthly_metric')
				.values({ ...row, ...r })
				.execute();
		await expect(insert({})).rejects.toThrow(/UNIQUE/);
		await expect(insert({ month: '2026-02', posts: -1 })).rejects.toThrow(/CHECK/);
		await expect(insert({ month: '2026-13' })).rejects.toThrow(/CHECK/);
		await expect(insert({ month: '01.2026' })).rejects.toThrow(/CHECK/);
		await expect(insert({ month: '2026-02', channel_id: 'myspace' })).rejects.toThrow(
			/FOREIGN KEY/
		);
		await expect(insert({ month: '2026-02', jobcenter_id: id + 1 })).rejects.toThrow(/FOREIGN KEY/);
		await expect(
			db
				.insertInto('jobcenter')
				.values({ ...jobcenter, code: '1', carrier: 'xyz' as 'gE' })
				.execute()
		).rejects.toThrow(/CHECK/);
	});

	it('store a missing value as NULL, distinct from zero', async () => {
		const db = freshDatabase();
		await migrateToLatest(db);
		const { id } = await db
			.insertInto('jobcenter')
			.values(jobcenter)
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('monthly_metric')
			.values({ jobcenter_id: id, channel_id: 'x', month: '2026-01', posts: 0, staff_hours: 12.5 })
			.execute();
		const stored = await db.selectFrom('monthly_metric').selectAll().executeTakeFirstOrThrow();
		expect(stored.posts).toBe(0);
		expect(stored.followers).toBeNull();
		expect(stored.staff_hours).toBe(12.5);
	});
});

describe('the answer-time migration', () => {
	it('adds an empty column to stored rows, undo images and snapshots, and refuses negatives', async () => {
		const db = freshDatabase();
		const provider = { getMigrations: async () => migrations };
		const migrator = new Migrator({ db, provider });
		expect((await migrator.migrateTo('2026-11-25T0500_followers_index')).error).toBeUndefined();
		const { id } = await db
			.insertInto('jobcenter')
			.values(jobcenter)
			.returning('id')
			.executeTakeFirstOrThrow();
		await sql`insert into monthly_metric (jobcenter_id, channel_id, month, posts, staff_hours)
			values (${id}, 'facebook', '2026-01', 12, 8.5)`.execute(db);
		expect((await migrator.migrateTo('2026-12-01T2300_response_hours')).error).toBeUndefined();
		expect(await db.selectFrom('monthly_metric').selectAll().execute()).toEqual([
			expect.objectContaining({ posts: 12, staff_hours: 8.5, response_hours: null })
		]);
		const columns = async (table: string) =>
			(
				await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)
			).rows.map((r) => r.name);
		expect(await columns('upload_metric_change')).toEqual(
			expect.arrayContaining(['before_response_hours', 'after_response_hours'])
		);
		expect(await columns('round_snapshot_metric')).toContain('response_hours');
		const update = (hours: number) =>
			db.updateTable('monthly_metric').set({ response_hours: hours }).execute();
		await update(2.5);
		await expect(update(-1)).rejects.toThrow(/CHECK/);
	});
});

describe('opening a bad database file', () => {
	it('explains a corrupt file in one sentence', () => {
		const path = join(mkdtempSync(join(tmpdir(), 'benchlearn-bad-')), 'corrupt.db');
		writeFileSync(path, 'this is not a database, just text that fills the header page'.repeat(100));
		expect(() => openDatabase(path)).toThrow(StartupError);
		expect(() => openDatabase(path)).toThrow(/not a valid SQLite database.*npm run restore/);
	});

	it('explains a path that cannot be written', () => {
		const file = join(mkdtempSync(join(tmpdir(), 'benchlearn-bad-')), 'a-file');
		writeFileSync(file, '');
		// A folder cannot be created below a plain file.
		expect(() => openDatabase(join(file, 'sub', 'x.db'))).toThrow(
			/cannot be opened.*DATABASE_PATH/
		);
	});
});
