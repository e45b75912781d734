/** What every command-line tool shares: the database from DATABASE_PATH, and errors as one sentence on stderr. */
import { parseArgs } from 'node:util';
import { readConfig } from '$lib/server/config';
import { migrateToLatest, openDatabase, StartupError, type DB } from '$lib/server/db';
import { logForCommandLine } from '$lib/server/log';
import { overwriteGetLocale } from '$lib/paraglide/runtime';

// Before any tool logs: stdout is for data (see log.ts).
logForCommandLine();

export type Lang = 'de' | 'en';

/**
 * The language of the messages on stderr, from `--lang de|en`: German unless asked, as in the web UI.
 * Paraglide follows it, so that the app's own messages (a refused round, a bad email) match.
 */
export function useLang(raw: string | undefined, usage: string): Lang {
	const lang = raw ?? 'de';
	if (lang !== 'de' && lang !== 'en') exit(`--lang must be de or en, not "${lang}". ${usage}`);
	overwriteGetLocale(() => lang);
	return lang;
}

/** Picks a tool's own message, given in German and English, in the language of `--lang`. */
export function inLang(lang: Lang): (de: string, en: string) => string {
	return (de, en) => (lang === 'en' ? en : de);
}

/** The one FILE and the `--lang` of `backup` and `restore`; exits with the usage on anything else. */
export function readFileArgument(usage: string): { file: string; lang: Lang } {
	let parsed;
	try {
		parsed = parseArgs({ allowPositionals: true, options: { lang: { type: 'string' } } });
	} catch (e) {
		exit(`${(e as Error).message}\n${usage}`);
	}
	const lang = useLang(parsed.values.lang, usage);
	if (parsed.positionals.length !== 1 || parsed.positionals[0].startsWith('-')) exit(usage);
	return { file: parsed.positionals[0], lang };
}

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
