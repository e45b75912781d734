/**
 * A Kysely driver for the server's connection that waits for SQLite's write lock without blocking
 * the event loop: busy_timeout is 0, and a statement that meets a lock held by another connection
 * (an import in its worker) is tried again after a short pause, up to a bound.
 */
import type SQLite from 'better-sqlite3';
import {
	CompiledQuery,
	SqliteDialect,
	type DatabaseConnection,
	type Driver,
	type QueryResult
} from 'kysely';

export interface LockWait {
	/** How long a statement may wait for the write lock in all. */
	boundMs: number;
	/** What to throw when it could not get the lock within the bound. */
	onTimeout: () => Error;
}

const FIRST_PAUSE_MS = 5;
const LONGEST_PAUSE_MS = 100;

const isBusy = (e: unknown) => (e as { code?: string }).code?.startsWith('SQLITE_BUSY') ?? false;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PatientSqliteDialect extends SqliteDialect {
	constructor(
		private readonly sqlite: SQLite.Database,
		private readonly wait: LockWait
	) {
		super({ database: sqlite });
	}

	override createDriver(): Driver {
		return new PatientDriver(this.sqlite, this.wait);
	}
}

/**
 * One connection shared by every request. Statements run synchronously, so they never interleave;
 * only an open transaction must keep other requests' statements out until it ends.
 */
class PatientDriver implements Driver {
	/** Settles when the open transaction ends; unset while none is open. */
	private transaction: Promise<void> | null = null;
	private endTransaction: () => void = () => {};

	constructor(
		readonly sqlite: SQLite.Database,
		private readonly wait: LockWait
	) {}

	async init(): Promise<void> {}

	async acquireConnection(): Promise<DatabaseConnection> {
		return new PatientConnection(this);
	}

	async beginTransaction(connection: DatabaseConnection): Promise<void> {
		const own = connection as PatientConnection;
		// Immediate: the write lock is taken here, where waiting for it is safe, not by a later write.
		await this.retry(async () => {
			await this.idle();
			this.sqlite.exec('begin immediate');
			this.transaction = new Promise((resolve) => (this.endTransaction = resolve));
			own.inTransaction = true;
		});
	}

	async commitTransaction(connection: DatabaseConnection): Promise<void> {
		this.end(connection, 'commit');
	}

	async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		this.end(connection, 'rollback');
	}

	async releaseConnection(): Promise<void> {}

	async destroy(): Promise<void> {
		this.sqlite.close();
	}

	/** Runs `statement` outside any transaction, waiting for the write lock between tries. */
	run<T>(statement: () => T): Promise<T> {
		return this.retry(async () => {
			await this.idle();
			return statement();
		});
	}

	private end(connection: DatabaseConnection, command: 'commit' | 'rollback') {
		try {
			// After a full disk or an I/O error SQLite has rolled back already; a second rollback
			// would fail with "no transaction is active" and hide the error that says why.
			if (command === 'commit' || this.sqlite.inTransaction) this.sqlite.exec(command);
		} finally {
			(connection as PatientConnection).inTransaction = false;
			this.transaction = null;
			this.endTransaction();
		}
	}

	private async idle(): Promise<void> {
		while (this.transaction) await this.transaction;
	}

	private async retry<T>(attempt: () => Promise<T>): Promise<T> {
		const started = Date.now();
		for (let wait = FIRST_PAUSE_MS; ; wait = Math.min(wait * 2, LONGEST_PAUSE_MS)) {
			try {
				return await attempt();
			} catch (e) {
				if (!isBusy(e)) throw e;
				if (Date.now() - started + wait > this.wait.boundMs) throw this.wait.onTimeout();
				await pause(wait);
			}
		}
	}
}

class PatientConnection implements DatabaseConnection {
	inTransaction = false;

	constructor(private readonly driver: PatientDriver) {}

	executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		const execute = () => this.execute<R>(query);
		// Inside its own transaction the lock is held already.
		return this.inTransaction ? Promise.resolve(execute()) : this.driver.run(execute);
	}

	async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
		// The server streams nothing big; reading all rows at once keeps the locking simple.
		yield await this.executeQuery<R>(query);
	}

	private execute<R>({ sql, parameters }: CompiledQuery): QueryResult<R> {
		const statement = this.driver.sqlite.prepare(sql);
		if (statement.reader) return { rows: statement.all(parameters) as R[] };
		const { changes, lastInsertRowid } = statement.run(parameters);
		return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
	}
}
