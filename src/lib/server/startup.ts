/** Opens and migrates the database when the server starts, and fills an empty one with demo data in demo mode. */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { createDemoAccounts, setDemoAccountsEnabled } from './auth/demo';
import { readConfig, type Config } from './config';
import { lastCompleteMonth } from './clock';
import { migrateToLatest, openDatabase, type DB } from './db';
import { acquireServerLock } from './db/lock';
import { isDatabaseEmpty, seedDemoData } from './demo/seed';
import { watchEventLoop } from './eventLoop';
import { liveSourceOf } from './kpi/sources';
import type { DataSource } from './kpi/types';
import { operatorStartupWarnings } from './operator';

let instance: DB | undefined;
let settings: Config | undefined;

/** The server's database; only valid after `startServer()`. */
export function db(): DB {
	if (!instance) throw new Error('The database is used before the server has started.');
	return instance;
}

/** One KPI data source for the whole process, so that all pages share its cache. */
export function kpiSource(): DataSource {
	return liveSourceOf(db());
}

export function config(): Config {
	return settings ?? readConfig();
}

/**
 * How long one of the server's own writes (a session, a failed login, an audit entry, an edit) waits
 * for the write lock while an import in its worker holds it. Writing the national file holds it for
 * a few seconds; past this bound the request gets a 503 with a German "busy, try again" text.
 */
export const LOCK_WAIT_MS = 30_000;

export async function startServer(config = readConfig()): Promise<void> {
	settings = config;
	watchEventLoop();
	// The import pipeline and exceljs (the preview reads a workbook's first rows, the exports write
	// workbooks) load now, not on the first upload: loading them takes a few hundred milliseconds in
	// which the server could answer no one.
	await Promise.all([import('./ingest/worker'), import('./ingest/workbook')]);
	instance = openDatabase(config.databasePath, {
		boundMs: LOCK_WAIT_MS,
		onTimeout: () => error(503, m.error_db_busy())
	});
	acquireServerLock(config.databasePath);
	await migrateToLatest(instance);
	for (const warning of operatorStartupWarnings(config.operatorConfigPath)) console.error(warning);
	const changed = await setDemoAccountsEnabled(instance, config.demo);
	if (changed)
		console.error(
			`Demo mode is ${config.demo ? 'on' : 'off'}: ${config.demo ? 'enabled' : 'disabled'} ${changed} demo accounts.`
		);
	if (config.demo && (await isDatabaseEmpty(instance))) {
		const counts = await seedDemoData(instance, { until: lastCompleteMonth() });
		await createDemoAccounts(instance);
		console.error(
			`Demo mode: loaded ${counts.jobcenters} jobcenters, ${counts.metrics} monthly rows and the demo accounts.`
		);
	}
}
