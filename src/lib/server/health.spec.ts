import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './db';
import { migrations } from './db/migrations';
import { testDatabase } from './db/testing';
import { health } from './health';

const names = Object.keys(migrations).sort();

describe('health', () => {
	it('reports the newest applied migration and none pending on a migrated database', async () => {
		const db = await testDatabase();
		expect(await health(db)).toEqual({
			status: 'ok',
			database: 'ok',
			migration: { latest: names.at(-1), pending: 0 }
		});
	});

	it('counts the migrations not yet applied', async () => {
		const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'benchlearn-spec-')), 'old.db'));
		try {
			const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
			await migrator.migrateTo(names[1]);
			expect(await health(db)).toMatchObject({
				status: 'ok',
				migration: { latest: names[1], pending: names.length - 2 }
			});
		} finally {
			await db.destroy();
		}
	});

	it('says the database is unavailable, and nothing more, when it cannot be read', async () => {
		const db = await testDatabase();
		await sql`drop table kysely_migration`.execute(db);
		expect(await health(db)).toEqual({ status: 'error', database: 'unavailable' });
	});
});
