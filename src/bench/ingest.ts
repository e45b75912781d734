/** Times the importer on the canonical and the German file against the sqlite3 shell's own `.import`. */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { METRICS } from '$lib/server/db/schema';
import { METRICS_HEADER } from '$lib/server/ingest/export';
import type { DataFiles } from './dataset';
import { runCommand, succeeded, type Env } from './process';

export interface IngestRun {
	rows: number;
	ms: number;
	rowsPerSecond: number;
	/** Bytes; null for the sqlite3 shell, which is not a Node process. */
	peakRss: number | null;
	/** Every run's wall time; `ms` is their median. */
	runsMs: number[];
}

/**
 * Runs of each ingest row: one run's wall time swings by a tenth and more on a shared machine,
 * the median of three much less.
 */
const RUNS = 3;

/** The median wall time of the runs, and the highest peak RSS of any. */
function median(runs: IngestRun[]): IngestRun {
	const byTime = [...runs].sort((a, b) => a.ms - b.ms);
	const middle = byTime[Math.floor(byTime.length / 2)];
	const rss = runs.map((r) => r.peakRss).filter((b): b is number => b !== null);
	return {
		...middle,
		peakRss: rss.length ? Math.max(...rss) : null,
		runsMs: runs.map((r) => r.ms)
	};
}

export interface IngestResults {
	canonical: IngestRun;
	german: IngestRun;
	sqlite: IngestRun;
	/** (d) The sqlite3 shell loading the same file into Benchlearn's schema, each row naming its upload. */
	sqliteSchema: IngestRun;
	/** (a)/(c): the importer against the sqlite3 shell on the same file. */
	canonicalVsSqlite: number;
	/** (a)/(d): the importer against SQLite's own floor for our schema, without any checking. */
	canonicalVsSchema: number;
	/** (b)/(a): the German file against the canonical one. */
	germanVsCanonical: number;
}

const run = (rows: number, ms: number, peakRss: number | null): IngestRun => ({
	rows,
	ms,
	rowsPerSecond: rows / (ms / 1000),
	peakRss,
	runsMs: [ms]
});

/** A fresh database with Benchlearn's schema and the register, imported with `npm run import`. */
export async function withRegister(database: string, files: DataFiles, env: Env): Promise<Env> {
	const withDb = { ...env, DATABASE_PATH: database };
	succeeded(
		'Importing the register',
		await runCommand('npm', ['run', '-s', 'import', '--', files.register], { env: withDb })
	);
	return withDb;
}

/** `npm run import` of the register (untimed), then of one metrics file, into a fresh database. */
export async function importInto(
	database: string,
	files: DataFiles,
	metrics: string,
	env: Env,
	rssDir: string
): Promise<IngestRun> {
	const withDb = await withRegister(database, files, env);
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

/**
 * The sqlite3 shell loading the file into the migrated schema: `.import` into a scratch table, then
 * plain `insert … select` into `monthly_metric` (its keys, indexes and checks), each row naming the
 * upload, as the importer writes them (inserted rows need no undo image). No validation at all:
 * what SQLite itself needs for our tables.
 */
export async function sqliteSchemaImport(
	database: string,
	files: DataFiles,
	env: Env
): Promise<IngestRun> {
	await withRegister(database, files, env);
	const values = METRICS.map((m) => `nullif(f.${m}, '')`).join(', ');
	const load = `begin;
		insert into upload (file_name, sha256, kind) values ('sqlite3', '', 'metrics');
		insert into monthly_metric (jobcenter_id, channel_id, month, ${METRICS.join(', ')}, upload_id)
			select j.id, f.channel, f.month, ${values}, (select max(id) from upload)
			from file f join jobcenter j on j.code = f.jobcenter;
		insert into upload_metric_jobcenter (upload_id, jobcenter_id)
			select distinct upload_id, jobcenter_id from monthly_metric;
		commit;`;
	const result = succeeded(
		'sqlite3 into the schema',
		await runCommand('sqlite3', [
			database,
			'-cmd',
			`pragma foreign_keys = on; pragma synchronous = normal; create temp table file(${METRICS_HEADER.join(', ')})`,
			`.import --csv --skip 1 ${files.canonical} file`,
			load
		])
	);
	return run(files.rows, result.ms, null);
}

export async function benchIngest(dir: string, files: DataFiles, env: Env): Promise<IngestResults> {
	const rssDir = join(dir, 'rss');
	// Each run into a database of its own; the canonical file's first one is kept for the pages.
	const db = (name: string, i: number) => join(dir, i === 0 ? `${name}.db` : `${name}-${i}.db`);
	const measures = {
		canonical: (i: number) => importInto(db('canonical', i), files, files.canonical, env, rssDir),
		german: (i: number) => importInto(db('german', i), files, files.german, env, rssDir),
		sqlite: (i: number) => sqliteImport(db('sqlite3', i), files),
		sqliteSchema: (i: number) => sqliteSchemaImport(db('sqlite3-schema', i), files, env)
	};
	// Round by round, so that a drift of the machine (the host reclaiming the page cache, another
	// job) falls on every row alike and the same-run ratios stay fair; each round starts one row
	// later, so that no row always follows the same one (and the disk writes it leaves behind).
	const runs: Record<keyof typeof measures, IngestRun[]> = {
		canonical: [],
		german: [],
		sqlite: [],
		sqliteSchema: []
	};
	const names = Object.keys(measures) as (keyof typeof measures)[];
	for (let i = 0; i < RUNS; i++) {
		for (const name of [...names.slice(i), ...names.slice(0, i)]) {
			runs[name].push(await measures[name](i));
		}
	}
	const [canonical, german, sqlite, sqliteSchema] = [
		runs.canonical,
		runs.german,
		runs.sqlite,
		runs.sqliteSchema
	].map(median);
	for (let i = 1; i < RUNS; i++) {
		for (const name of ['german', 'sqlite3', 'sqlite3-schema', 'canonical']) {
			for (const end of ['', '-wal', '-shm']) rmSync(db(name, i) + end, { force: true });
		}
	}
	return {
		canonical,
		german,
		sqlite,
		sqliteSchema,
		canonicalVsSqlite: canonical.ms / sqlite.ms,
		canonicalVsSchema: canonical.ms / sqliteSchema.ms,
		germanVsCanonical: german.ms / canonical.ms
	};
}
