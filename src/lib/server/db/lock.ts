/** A pid file beside the database, so that a restore can refuse to swap the file under a running server. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { StartupError } from './index';

function lockFile(databasePath: string): string {
	return `${databasePath}.server.pid`;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		// EPERM: the process exists but belongs to another user, so it still counts as a holder.
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function readHolder(databasePath: string): number | null {
	let text: string;
	try {
		text = readFileSync(lockFile(databasePath), 'utf8');
	} catch {
		return null;
	}
	const pid = Number(text.trim());
	// process.kill with 0 or a negative number would signal a whole process group, never a holder.
	return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** The pid of the live process that holds the database, or null when none does. */
export function serverHoldingLock(databasePath: string): number | null {
	const pid = readHolder(databasePath);
	return pid !== null && isAlive(pid) ? pid : null;
}

/**
 * Marks the database as used by this process and returns the release function.
 * A file left by a dead process is taken over; the same process may acquire again (a dev-server reload).
 */
export function acquireServerLock(databasePath: string): () => void {
	const holder = serverHoldingLock(databasePath);
	if (holder !== null && holder !== process.pid) {
		throw new StartupError(
			`Another server (process ${holder}) is already using the database ${databasePath}. Stop that server first, or delete ${lockFile(databasePath)} if no server runs.`
		);
	}
	writeFileSync(lockFile(databasePath), `${process.pid}\n`);
	const release = (): void => {
		process.off('exit', release);
		// A file that another process has taken over in the meantime is not ours to delete.
		if (readHolder(databasePath) === process.pid) rmSync(lockFile(databasePath), { force: true });
	};
	process.on('exit', release);
	return release;
}
