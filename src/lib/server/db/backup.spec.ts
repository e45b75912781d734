import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from './backup';
import { dumpTables } from './dump';
import { migrateToLatest, openDatabase, type DB } from './index';
import { acquireServerLock } from './lock';

let dir: string;
let databasePath: string;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'benchlearn-backup-'));
	databasePath = join(dir, 'app.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function seededDatabase(path: string): Promise<DB> {
	const db = openDatabase(path);
	await migrateToLatest(db);
	await db
		.insertInto('jobcenter')
		.values([
			{ id: 1, code: 'JC-1', name: 'Jobcenter Nord', state: 'HH', carrier: 'gE', elb: 12000 },
			{
				id: 2,
				code: 'JC-2',
				name: 'Jobcenter Süd',
				state: 'BY',
				carrier: 'zkT',
				elb: 8000,
				ring: 'A'
			}
		])
		.execute();
	await db
		.insertInto('monthly_metric')
		.values([
			{ jobcenter_id: 1, channel_id: 'instagram', month: '2026-01', followers: 100, posts: 4 },
			{ jobcenter_id: 2, channel_id: 'facebook', month: '2026-01', reach: 900, staff_hours: 2.5 },
			{ jobcenter_id: 1, channel_id: 'facebook', month: '2026-02', followers: 50, comments: null }
		])
		.execute();
	await db
		.insertInto('upload')
		.values({ file_name: 'jan.csv', sha256: 'ab12', kind: 'metrics', rows_inserted: 3 })
		.execute();
	return db;
}

async function dumpOf(path: string) {
	const db = openDatabase(path);
	try {
		return await dumpTables(db);
	} finally {
		await db.destroy();
	}
}

describe('backupDatabase', () => {
	it('copies what still sits in the WAL while the source connection is open', async () => {
		const source = await seededDatabase(databasePath);
		try {
			expect(statSync(`${databasePath}-wal`).size).toBeGreaterThan(0);
			const target = join(dir, 'nested', 'backup.db');
			await backupDatabase(databasePath, target);
			const original = await dumpTables(source);
			expect(original.monthly_metric).toHaveLength(3);
			expect(await dumpOf(target)).toEqual(original);
		} finally {
			await source.destroy();
		}
	});

	it('writes one self-contained file', async () => {
		const source = await seededDatabase(databasePath);
		const target = join(dir, 'backup.db');
		await backupDatabase(databasePath, target);
		await source.destroy();
		expect(['-wal', '-shm', '.partial'].filter((s) => existsSync(target + s))).toEqual([]);
		const copy = new SQLite(target, { readonly: true });
		expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
		copy.close();
	});

	it('refuses to overwrite an existing file', async () => {
		const source = await seededDatabase(databasePath);
		const target = join(dir, 'taken.db');
		writeFileSync(target, 'keep me');
		await expect(backupDatabase(databasePath, target)).rejects.toThrow(/exists already/);
		expect(readFileSync(target, 'utf8')).toBe('keep me');
		await source.destroy();
	});

	it('refuses when there is no database', async () => {
		await expect(backupDatabase(databasePath, join(dir, 'b.db'))).rejects.toThrow(/no database/);
	});
});

describe('restoreDatabase', () => {
	let original: Awaited<ReturnType<typeof dumpTables>>;
	let backup: string;

	beforeEach(async () => {
		const source = await seededDatabase(databasePath);
		backup = join(dir, 'backup.db');
		await backupDatabase(databasePath, backup);
		original = await dumpTables(source);
		await source.updateTable('jobcenter').set({ name: 'Umbenannt' }).where('id', '=', 1).execute();
		await source.deleteFrom('monthly_metric').where('month', '=', '2026-02').execute();
		await source.deleteFrom('upload').execute();
		await source.destroy();
	});

	it('brings back exactly the rows of the backup', async () => {
		expect(await dumpOf(databasePath)).not.toEqual(original);
		await restoreDatabase(backup, databasePath);
		expect(await dumpOf(databasePath)).toEqual(original);
		expect(existsSync(`${databasePath}.restore-tmp`)).toBe(false);
	});

	it('refuses while a server holds the database and leaves it unchanged', async () => {
		const changed = await dumpOf(databasePath);
		const release = acquireServerLock(databasePath);
		try {
			await expect(restoreDatabase(backup, databasePath)).rejects.toThrow(/stop the server first/);
		} finally {
			release();
		}
		expect(await dumpOf(databasePath)).toEqual(changed);
	});

	it('refuses a missing file, a non-SQLite file and a foreign database', async () => {
		const changed = await dumpOf(databasePath);
		await expect(restoreDatabase(join(dir, 'nope.db'), databasePath)).rejects.toThrow(
			/does not exist/
		);
		const csv = join(dir, 'metrics.csv');
		writeFileSync(csv, 'code;month;followers\nJC-1;2026-01;100\n');
		await expect(restoreDatabase(csv, databasePath)).rejects.toThrow(/not a SQLite database/);
		const foreign = join(dir, 'foreign.db');
		new SQLite(foreign).exec('create table note (text)').close();
		await expect(restoreDatabase(foreign, databasePath)).rejects.toThrow(/no jobcenter table/);
		expect(await dumpOf(databasePath)).toEqual(changed);
	});

	it('refuses a damaged backup', async () => {
		const bytes = readFileSync(backup);
		const pageSize = bytes.readUInt16BE(16);
		// Overwrite the second page (a table's b-tree page) so that the integrity check fails.
		bytes.fill(0x41, pageSize, pageSize * 2);
		writeFileSync(backup, bytes);
		await expect(restoreDatabase(backup, databasePath)).rejects.toThrow(/damaged/);
	});
});
