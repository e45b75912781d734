import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type DB } from '.';

const open: DB[] = [];
afterEach(async () => {
	while (open.length) await open.pop()!.destroy();
});

class Busy extends Error {}

async function patientDatabase(boundMs: number) {
	const path = join(mkdtempSync(join(tmpdir(), 'benchlearn-patient-')), 'test.db');
	const db = openDatabase(path, { boundMs, onTimeout: () => new Busy('busy') });
	open.push(db);
	await migrateToLatest(db);
	return { db, path };
}

/** Another connection (an import's worker) holding the write lock for `ms`. */
function holdLock(path: string, ms: number): Promise<void> {
	const other = new SQLite(path);
	other.exec('begin immediate');
	return new Promise((resolve) =>
		setTimeout(() => {
			other.exec('rollback');
			other.close();
			resolve();
		}, ms)
	);
}

const insertAudit = (db: DB) =>
	db
		.insertInto('audit_log')
		.values({ user_id: null, actor: 'test', action: 'test', detail: 'x' })
		.execute();

describe('the server connection while another connection writes', () => {
	it('waits for the lock without blocking the event loop, then writes', async () => {
		const { db, path } = await patientDatabase(5_000);
		const held = holdLock(path, 400);
		let ticks = 0;
		const timer = setInterval(() => ticks++, 20);
		const started = Date.now();
		await insertAudit(db);
		clearInterval(timer);
		expect(Date.now() - started).toBeGreaterThanOrEqual(350);
		expect(ticks).toBeGreaterThan(5);
		await held;
		expect(await db.selectFrom('audit_log').select('action').execute()).toEqual([
			{ action: 'test' }
		]);
	});

	it('reads at once, and runs a transaction once the lock is free', async () => {
		const { db, path } = await patientDatabase(5_000);
		const held = holdLock(path, 300);
		expect(await db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
		await db.transaction().execute(async (trx) => {
			await trx
				.insertInto('audit_log')
				.values({ user_id: null, actor: 'test', action: 'a', detail: '' })
				.execute();
			await trx
				.insertInto('audit_log')
				.values({ user_id: null, actor: 'test', action: 'b', detail: '' })
				.execute();
		});
		await held;
		expect(await db.selectFrom('audit_log').select('action').execute()).toHaveLength(2);
	});

	it('keeps other statements out of an open transaction and gives up after the bound', async () => {
		const { db, path } = await patientDatabase(200);
		const order: string[] = [];
		let outside: Promise<unknown> = Promise.resolve();
		await db
			.transaction()
			.execute(async (trx) => {
				await trx
					.insertInto('audit_log')
					.values({ user_id: null, actor: 'test', action: 'in', detail: '' })
					.execute();
				// Another request's write while the transaction is open: it must not join it.
				outside = insertAudit(db).then(() => order.push('outside'));
				await new Promise((r) => setTimeout(r, 50));
				order.push('transaction');
				throw new Error('rolled back');
			})
			.catch(() => {});
		await outside;
		expect(order).toEqual(['transaction', 'outside']);
		expect(await db.selectFrom('audit_log').select('action').execute()).toEqual([
			{ action: 'test' }
		]);
		const held = holdLock(path, 600);
		await expect(insertAudit(db)).rejects.toBeInstanceOf(Busy);
		await held;
	});
});
