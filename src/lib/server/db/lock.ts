/** A pid file beside the database, so that a restore can refuse to swap the file under a running server. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { StartupError } from './index';

function lockFile(databasePath: string): string {
	return `${databasePath}.server.pid`;
}

interface Holder {
	pid: number;
	/** The process's start time in clock ticks since boot (Linux), so that a reused pid is told apart. */
	start: string | null;
}

/**
 * State and start time from `/proc/<pid>/stat`; null where there is no procfs or it may not be read.
 * The command name in parentheses may hold spaces and parentheses itself, so fields count from the last `)`.
 */
function procStat(pid: number): { state: string; start: string } | 'gone' | null {
	let text: string;
	try {
		text = readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		return code === 'ENOENT' && procfs() ? 'gone' : null;
	}
	const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
	return { state: fields[0], start: fields[19] };
}

function procfs(): boolean {
	try {
		readFileSync('/proc/self/stat');
		return true;
	} catch {
		return false;
	}
}

function isAlive({ pid, start }: Holder): boolean {
	const stat = procStat(pid);
	if (stat === 'gone') return false;
	if (stat !== null) {
		// A zombie (Z) or a dying process (X) holds nothing: after `kill -9` the server lingers as a
		// zombie until its parent reaps it. A pid with another start time belongs to a new process.
		if (stat.state === 'Z' || stat.state === 'X') return false;
		return start === null || stat.start === start;
	}
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		// EPERM: the process exists but belongs to another user, so it still counts as a holder.
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function readHolder(databasePath: string): Holder | null {
	let text: string;
	try {
		text = readFileSync(lockFile(databasePath), 'utf8');
	} catch {
		return null;
	}
	// `PID START`; files of older versions hold the pid alone.
	const [pidText, start] = text.trim().split(/\s+/);
	const pid = Number(pidText);
	// process.kill with 0 or a negative number would signal a whole process group, never a holder.
	if (!Number.isInteger(pid) || pid <= 0) return null;
	return { pid, start: start && /^\d+$/.test(start) ? start : null };
}

/** The pid of the live process that holds the database, or null when none does. */
export function serverHoldingLock(databasePath: string): number | null {
	const holder = readHolder(databasePath);
	return holder !== null && isAlive(holder) ? holder.pid : null;
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
	const own = procStat(process.pid);
	const start = own !== null && own !== 'gone' ? ` ${own.start}` : '';
	writeFileSync(lockFile(databasePath), `${process.pid}${start}\n`);
	const release = (): void => {
		process.off('exit', release);
		// A file that another process has taken over in the meantime is not ours to delete.
		if (readHolder(databasePath)?.pid === process.pid) {
			rmSync(lockFile(databasePath), { force: true });
		}
	};
	process.on('exit', release);
	return release;
}
