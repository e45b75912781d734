/** Opens the SQLite file with the settings every connection needs and migrates it to the latest schema. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
	Kysely,
	Migrator,
	SqliteDialect,
	SqliteDriver,
	type DatabaseConnection,
	type MigrationProvider
} from 'kysely';
import { migrations } from './migrations';
import { PatientSqliteDialect, type LockWait } from './patient';
import type { Database } from './schema';

export type DB = Kysely<Database>;

/**
 * Runs `work` in a transaction, or inside the caller's when `db` already is one: Kysely cannot nest
 * them, and the demo seed writes rounds, pseudonyms and snapshots inside its own.
 */
export function inTransaction<T>(db: DB, work: (trx: DB) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** A start-up problem with one sentence that says what is wrong and what to do. */
export class StartupError extends Error {}

/**
 * Without `lockWait`, a statement that meets another connection's write lock waits for it
 * synchronously, up to 5 s: right for the CLIs and the import worker, which serve no one else. The
 * server's connection passes `lockWait` and waits without blocking its thread (see patient.ts).
 */
export function openDatabase(path: string, lockWait?: LockWait): DB {
	let sqlite: SQLite.Database;
	try {
		if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
		sqlite = new SQLite(path);
		sqlite.pragma('journal_mode = WAL');
		sqlite.pragma('foreign_keys = ON');
		sqlite.pragma(`busy_timeout = ${lockWait ? 0 : 5000}`);
		sqlite.pragma('synchronous = NORMAL');
		sqlite.prepare('select count(*) from sqlite_schema').get();
	} catch (e) {
		throw new StartupError(explainOpenError(e, path));
	}
	const dialect = lockWait
		? new PatientSqliteDialect(sqlite, lockWait)
		: new KeepCauseDialect(sqlite);
	const db = new Kysely<Database>({ dialect });
	handles.set(db, sqlite);
	return db;
}

const handles = new WeakMap<DB, SQLite.Database>();

/**
 * After a full disk or an I/O error SQLite has already rolled the transaction back. Kysely's own
 * rollback would then fail with "no transaction is active" and hide the error that says why.
 */
class KeepCauseDialect extends SqliteDialect {
	constructor(private readonly sqlite: SQLite.Database) {
		super({ database: sqlite });
	}

	createDriver() {
		const sqlite = this.sqlite;
		return new (class extends SqliteDriver {
			async rollbackTransaction(connection: DatabaseConnection) {
				if (sqlite.inTransaction) await super.rollbackTransaction(connection);
			}
		})({ database: sqlite });
	}
}

/**
 * The connection under `db`, for the importer's hot loop: one prepared statement per row is several
 * times faster than Kysely's compiled batches. It runs inside a Kysely transaction opened on `db`.
 */
export function sqliteOf(db: DB): SQLite.Database {
	const sqlite = handles.get(db);
	if (!sqlite) throw new Error('This database was not opened with openDatabase().');
	return sqlite;
}

export function explainOpenError(e: unknown, path: string): string {
	const code = (e as { code?: string }).code ?? '';
	if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
		return `The database file ${path} is not a valid SQLite database (corrupt or another kind of file). Restore a backup with "npm run restore -- FILE" or point DATABASE_PATH at another file.`;
	}
	if (
		['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'SQLITE_CANTOPEN', 'SQLITE_READONLY'].includes(code)
	) {
		return `The database file ${path} cannot be opened for writing (${code}). Check that the folder exists and is writable, or set DATABASE_PATH to a writable location.`;
	}
	return `The database file ${path} cannot be opened: ${(e as Error).message}. Check DATABASE_PATH.`;
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies every pending migration; applied ones are never run again. */
export async function migrateToLatest(db: DB): Promise<string[]> {
	const migrator = new Migrator({ db, provider });
	const { error, results } = await migrator.migrateToLatest();
	if (error) {
		const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
		throw new StartupError(
			`Migration ${failed} failed: ${(error as Error).message}. The database was left at the last good schema; restore a backup or report this error.`
		);
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Runs one write that may as well wait for the next request, without waiting for the write lock.
 * better-sqlite3 waits synchronously: waiting here while an upload writes would stall every request,
 * and the upload with them, for the whole busy timeout. Returns whether it was written.
 */
export function writeIfFree(db: DB, statement: string, params: unknown[]): boolean {
	const sqlite = sqliteOf(db);
	// Another request's transaction is open on this connection; a write now would join it.
	if (sqlite.inTransaction) return false;
	const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
	sqlite.pragma('busy_timeout = 0');
	try {
		sqlite.prepare(statement).run(...params);
		return true;
	} catch (e) {
		if ((e as { code?: string }).code === 'SQLITE_BUSY') return false;
		throw e;
	} finally {
		sqlite.pragma(`busy_timeout = ${timeout}`);
	}
}

/**
 * Copies a large write's pages from the WAL into the database, for a job's own thread once it has
 * written. Its commit tried already, but a page request reading at that moment holds the pages back;
 * left over, the server's next small write would copy them all, and stall every request meanwhile.
 */
export async function checkpointWal(sqlite: SQLite.Database): Promise<void> {
	for (let attempt = 0; attempt < CHECKPOINT_ATTEMPTS; attempt++) {
		const [state] = sqlite.pragma('wal_checkpoint(PASSIVE)') as {
			log: number;
			checkpointed: number;
		}[];
		if (state.checkpointed >= state.log) return;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

const CHECKPOINT_ATTEMPTS = 40;
