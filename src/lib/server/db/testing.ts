/** Throw-away SQLite databases for specs: a migrated file in a fresh temp folder, closed after each test. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { migrateToLatest, openDatabase, type DB } from '.';
import type { State } from './schema';

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

export async function addJobcenter(
	db: DB,
	code: string,
	ring: string | null = 'Ring Nord'
): Promise<number> {
	const { id } = await db
		.insertInto('jobcenter')
		.values({ code, name: `Jobcenter ${code}`, state: 'NW', carrier: 'gE', elb: 10000, ring })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/**
 * 55 districts „Jobcenter Kreis 01“ … „55“ (codes 05001 … 05055): odd ones in NW, even ones in BY,
 * 01 … 20 in „Ring Nord“, the rest in no ring. Plus Überlingen (BW, „Ring Süd“) and an inactive Görlitz.
 */
export async function testRegister(): Promise<DB> {
	const db = await testDatabase();
	const jobcenter = (
		code: string,
		name: string,
		state: State,
		ring: string | null,
		active = 1
	) => ({
		code,
		name,
		state,
		carrier: 'gE' as const,
		elb: 1000,
		ring,
		active
	});
	const districts = Array.from({ length: 55 }, (_, i) => {
		const n = String(i + 1).padStart(2, '0');
		return jobcenter(
			`050${n}`,
			`Jobcenter Kreis ${n}`,
			i % 2 ? 'BY' : 'NW',
			i < 20 ? 'Ring Nord' : null
		);
	});
	await db
		.insertInto('jobcenter')
		.values([
			...districts,
			jobcenter('08435', 'Jobcenter Überlingen', 'BW', 'Ring Süd'),
			jobcenter('14626', 'Jobcenter Görlitz', 'SN', null, 0)
		])
		.execute();
	return db;
}
