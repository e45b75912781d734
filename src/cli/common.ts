/** What every command-line tool shares: the database from DATABASE_PATH, and errors as one sentence on stderr. */
import { readConfig } from '$lib/server/config';
import { migrateToLatest, openDatabase, StartupError, type DB } from '$lib/server/db';
import { logForCommandLine } from '$lib/server/log';

// Before any tool logs: stdout is for data (see log.ts).
logForCommandLine();

/** Prints to stderr, so that stdout stays clean for data. */
export function say(message: string): void {
	process.stderr.write(message + '\n');
}

/** Ends the program with one sentence; 2 is the exit code for usage errors and unreadable input. */
export function exit(message: string, code = 2): never {
	say(message);
	process.exit(code);
}

export async function openAppDatabase(): Promise<DB> {
	try {
		const db = openDatabase(readConfig().databasePath);
		await migrateToLatest(db);
		return db;
	} catch (e) {
		if (e instanceof StartupError) exit(e.message, 1);
		throw e;
	}
}

/** Runs a CLI's main function and turns an unexpected failure into one line instead of a stack trace. */
export function run(main: () => Promise<void>): void {
	main().catch((e: unknown) => exit(e instanceof Error ? e.message : String(e), 1));
}
