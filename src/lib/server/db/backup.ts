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
	try {
		mkdirSync(dirname(targetFile), { recursive: true });
		const source = new SQLite(databasePath, { readonly: true, fileMustExist: true });
		await copyAndClose(source, partial);
		makeSelfContained(partial);
		renameSync(partial, targetFile);
	} catch (e) {
		removeDatabaseFiles(partial);
		throw new Error(
			`The backup of ${databasePath} to ${targetFile} failed (${(e as Error).message}); check that the folder is writable and has free space.`
		);
	}
}

/** Replaces the database with a checked backup; the old file is swapped out in one rename. */
export async function restoreDatabase(backupFile: string, databasePath: string): Promise<void> {
	refuseWhileServerRuns(databasePath);
	const backup = openBackup(backupFile);
	const tmp = `${databasePath}.restore-tmp`;
	try {
		checkBackup(backup, backupFile);
		removeDatabaseFiles(tmp);
		mkdirSync(dirname(databasePath), { recursive: true });
		await copyAndClose(backup, tmp);
		// A server may have started while the copy ran; checking again keeps that window tiny.
		refuseWhileServerRuns(databasePath);
	} catch (e) {
		if (backup.open) backup.close();
		removeDatabaseFiles(tmp);
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

function openBackup(file: string): SQLite.Database {
	if (!existsSync(file)) {
		throw new Error(`The backup file ${file} does not exist; check the file name.`);
	}
	try {
		return new SQLite(file, { readonly: true, fileMustExist: true });
	} catch (e) {
		throw new Error(
			`The backup file ${file} cannot be opened (${(e as Error).message}); check the file name and its permissions.`
		);
	}
}

function checkBackup(backup: SQLite.Database, file: string): void {
	let verdict: unknown;
	try {
		verdict = backup.pragma('integrity_check', { simple: true });
	} catch (e) {
		throw new Error(explainUnreadableBackup(e, file));
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

async function copyAndClose(source: SQLite.Database, file: string): Promise<void> {
	try {
		await source.backup(file);
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

function removeDatabaseFiles(file: string): void {
	for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}
