/** Times the importer on the canonical and the German file against the sqlite3 shell's own `.import`. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { METRICS_HEADER } from '$lib/server/ingest/export';
import type { DataFiles } from './dataset';
import { runCommand, succeeded, type Env } from './process';

export interface IngestRun {
	rows: number;
	ms: number;
	rowsPerSecond: number;
	/** Bytes; null for the sqlite3 shell, which is not a Node process. */
	peakRss: number | null;
}

export interface IngestResults {
	canonical: IngestRun;
	german: IngestRun;
	sqlite: IngestRun;
	/** (a)/(c): the importer against the sqlite3 shell on the same file. */
	canonicalVsSqlite: number;
	/** (b)/(a): the German file against the canonical one. */
	germanVsCanonical: number;
}

const run = (rows: number, ms: number, peakRss: number | null): IngestRun => ({
	rows,
	ms,
	rowsPerSecond: rows / (ms / 1000),
	peakRss
});

/** `npm run import` of the register (untimed), then of one metrics file, into a fresh database. */
export async function importInto(
	database: string,
	files: DataFiles,
	metrics: string,
	env: Env,
	rssDir: string
): Promise<IngestRun> {
	const withDb = { ...env, DATABASE_PATH: database };
	succeeded(
		'Importing the register',
		await runCommand('npm', ['run', '-s', 'import', '--', files.register], { env: withDb })
	);
	mkdirSync(rssDir, { recursive: true });
	const result = succeeded(
		`Importing ${metrics}`,
		await runCommand('npm', ['run', '-s', 'import', '--', metrics], { env: withDb, rssDir })
	);
	return run(files.rows, result.ms, result.peakRss);
}

/** The sqlite3 shell's `.import --csv` into a plain table with the file's columns. */
export async function sqliteImport(database: string, files: DataFiles): Promise<IngestRun> {
	const table = `create table monthly_metric(${METRICS_HEADER.join(', ')})`;
	const result = succeeded(
		'sqlite3 .import',
		await runCommand('sqlite3', [
			database,
			'-cmd',
			table,
			`.import --csv --skip 1 ${files.canonical} monthly_metric`
		])
	);
	return run(files.rows, result.ms, null);
}

export async function benchIngest(dir: string, files: DataFiles, env: Env): Promise<IngestResults> {
	const rssDir = join(dir, 'rss');
	const canonical = await importInto(
		join(dir, 'canonical.db'),
		files,
		files.canonical,
		env,
		rssDir
	);
	const german = await importInto(join(dir, 'german.db'), files, files.german, env, rssDir);
	const sqlite = await sqliteImport(join(dir, 'sqlite3.db'), files);
	return {
		canonical,
		german,
		sqlite,
		canonicalVsSqlite: canonical.ms / sqlite.ms,
		germanVsCanonical: german.ms / canonical.ms
	};
}
