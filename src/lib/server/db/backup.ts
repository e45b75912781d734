/** Backup and restore of the SQLite file through SQLite's backup API, because copying a WAL database's bytes loses data. */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { serverHoldingLock } from './lock';

const NOT_SQLITE = 'SQLITE_NOTADB';
const DAMAGED = ['SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE'];

/** Copies the database from its own read connection, so a running server may keep writing meanwhile. */
export async function backupDatabase(databasePath: string, targetFile: string): Promise<void> {
	if (!existsSync(databasePath)) {
		throw new Error(`There is no database at ${databasePath}; check DATABASE_PATH.`);
	}
	if (existsSync(targetFile)) {
		throw new Error(
			`The file ${targetFile} exists already; choose a new file name, because a backup never overwrites a file.`
		);
	}
	// A half-written copy must never carry the name of a finished backup.
	const partial = `${targetFile}.partial`;
	await copyAndClose(openSource(databasePath), partial);
	try {
		makeSelfContained(partial);
		renameSync(partial, targetFile);
	} catch (e) {
		discardDatabaseFiles(partial);
		throw new Error(
			`The backup ${targetFile} could not be finished (${(e as Error).message}); check that its folder is writable.`,
			{ cause: e }
		);
	}
}

/** Replaces the database with a checked backup; the old file is swapped out in one rename. */
export async function restoreDatabase(backupFile: string, databasePath: string): Promise<void> {
	refuseWhileServerRuns(databasePath);
	const tmp = `${databasePath}.restore-tmp`;
	await copyAndClose(openCheckedBackup(backupFile), tmp);
	try {
		// A server may have started while the copy ran; checking again keeps that window tiny.
		refuseWhileServerRuns(databasePath);
	} catch (e) {
		discardDatabaseFiles(tmp);
		throw e;
	}
	// A leftover WAL of the old file would be replayed into the restored one and corrupt it.
	rmSync(`${databasePath}-wal`, { force: true });
	rmSync(`${databasePath}-shm`, { force: true });
	renameSync(tmp, databasePath);
}

function refuseWhileServerRuns(databasePath: string): void {
	const pid = serverHoldingLock(databasePath);
	if (pid !== null) {
		throw new Error(
			`A server (process ${pid}) is using the database ${databasePath}; stop the server first, then run the restore again.`
		);
	}
}

function openSource(databasePath: string): SQLite.Database {
	try {
		return new SQLite(databasePath, { readonly: true, fileMustExist: true });
	} catch (e) {
		throw new Error(
			`The database ${databasePath} cannot be opened for the backup (${(e as Error).message}); check DATABASE_PATH and its permissions.`,
			{ cause: e }
		);
	}
}

/** Opens the backup read-only and closes it again unless it passes every check. */
function openCheckedBackup(file: string): SQLite.Database {
	const backup = openBackup(file);
	try {
		checkBackup(backup, file);
		return backup;
	} catch (e) {
		backup.close();
		throw e;
	}
}

function openBackup(file: string): SQLite.Database {
	if (!existsSync(file)) {
		throw new Error(`The backup file ${file} does not exist; check the file name.`);
	}
	try {
		return new SQLite(file, { readonly: true, fileMustExist: true });
	} catch (e) {
		throw new Error(
			`The backup file ${file} cannot be opened (${(e as Error).message}); check the file name and its permissions.`,
			{ cause: e }
		);
	}
}

function checkBackup(backup: SQLite.Database, file: string): void {
	let verdict: unknown;
	try {
		verdict = backup.pragma('integrity_check', { simple: true });
	} catch (e) {
		throw new Error(explainUnreadableBackup(e, file), { cause: e });
	}
	if (verdict !== 'ok') {
		throw new Error(
			`The backup file ${file} is damaged (it fails SQLite's integrity check); choose another backup.`
		);
	}
	const hasJobcenter = backup
		.prepare(`select 1 from sqlite_schema where type = 'table' and name = 'jobcenter'`)
		.get();
	if (!hasJobcenter) {
		throw new Error(
			`The file ${file} is a SQLite database but no Benchlearn backup (it has no jobcenter table); choose a file made by "npm run backup".`
		);
	}
}

function explainUnreadableBackup(e: unknown, file: string): string {
	const code = (e as { code?: string }).code ?? '';
	if (code === NOT_SQLITE) {
		return `The file ${file} is not a SQLite database; choose a file made by "npm run backup".`;
	}
	if (DAMAGED.includes(code)) {
		return `The backup file ${file} is damaged (${(e as Error).message}); choose another backup.`;
	}
	return `The backup file ${file} cannot be read (${(e as Error).message}); choose another backup.`;
}

/** Copies through the backup API, which sees committed WAL content and never a torn page. */
async function copyAndClose(source: SQLite.Database, file: string): Promise<void> {
	try {
		discardDatabaseFiles(file);
		mkdirSync(dirname(file), { recursive: true });
		await source.backup(file);
	} catch (e) {
		discardDatabaseFiles(file);
		throw new Error(
			`Writing ${file} failed (${(e as Error).message}); check that its folder is writable and has free space.`,
			{ cause: e }
		);
	} finally {
		source.close();
	}
}

/** The copy inherits the WAL flag; rollback mode makes it one file that opens anywhere, even read-only. */
function makeSelfContained(file: string): void {
	const copy = new SQLite(file, { fileMustExist: true });
	try {
		copy.pragma('journal_mode = DELETE');
	} finally {
		copy.close();
	}
}

/** Best effort, because a failed clean-up must not hide the error that caused it. */
function discardDatabaseFiles(file: string): void {
	for (const suffix of ['', '-journal', '-wal', '-shm']) {
		try {
			rmSync(file + suffix, { force: true });
		} catch {
			// Nothing to do: the next attempt removes what is left.
		}
	}
}
