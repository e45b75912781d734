import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { writeFault } from './faults';
import { openDatabase, sqliteOf } from './index';

const fileError = (code: string) => Object.assign(new Error(code), { code });

describe('writeFault', () => {
	it('names the storage for a full, read-only or failing disk', () => {
		for (const code of [
			'SQLITE_FULL',
			'SQLITE_IOERR_WRITE',
			'SQLITE_READONLY_DBMOVED',
			'ENOSPC',
			'EROFS'
		]) {
			expect(writeFault(fileError(code))).toBe('storage');
		}
	});

	it('names a held lock', () => {
		expect(writeFault(fileError('SQLITE_BUSY'))).toBe('busy');
		expect(writeFault(fileError('SQLITE_BUSY_SNAPSHOT'))).toBe('busy');
	});

	it('leaves every other error to the caller', () => {
		for (const e of [
			new Error('x'),
			fileError('SQLITE_CONSTRAINT_UNIQUE'),
			fileError('ENOENT'),
			null,
			'text'
		]) {
			expect(writeFault(e)).toBeNull();
		}
	});
});

describe('a transaction that SQLite rolled back by itself', () => {
	it("fails with the cause, not with Kysely's failed rollback", async () => {
		const path = join(mkdtempSync(join(tmpdir(), 'benchlearn-faults-')), 'full.db');
		const db = openDatabase(path);
		await db.schema.createTable('t').addColumn('v', 'text').execute();
		const pages = sqliteOf(db).pragma('page_count', { simple: true }) as number;
		// Two pages more than the empty table needs: the database is "full" after a few rows.
		await sql.raw(`pragma max_page_count = ${pages + 2}`).execute(db);
		const error = await db
			.transaction()
			.execute(async (trx) => {
				for (let i = 0; i < 100; i++)
					await sql`insert into t values (${'x'.repeat(4000)})`.execute(trx);
			})
			.catch((e: unknown) => e);
		expect((error as Error).message).toMatch(/full/);
		expect(writeFault(error)).toBe('storage');
		expect(sqliteOf(db).prepare('select count(*) from t').pluck().get()).toBe(0);
		await db.destroy();
	});
});
