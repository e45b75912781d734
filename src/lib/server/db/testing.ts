/** Throw-away SQLite databases for specs: a migrated file in a fresh temp folder, closed after each test. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { migrateToLatest, openDatabase, type DB } from '.';

const open: DB[] = [];

afterEach(async () => {
	while (open.length) await open.pop()!.destroy();
});

export async function testDatabase(): Promise<DB> {
	const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'benchlearn-spec-')), 'test.db'));
	open.push(db);
	await migrateToLatest(db);
	return db;
}

export async function addJobcenter(db: DB, code: string, ring: string | null = 'Ring Nord'): Promise<number> {
	const { id } = await db
		.insertInto('jobcenter')
		.values({ code, name: `Jobcenter ${code}`, state: 'NW', carrier: 'gE', elb: 10000, ring })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}
