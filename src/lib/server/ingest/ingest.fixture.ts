/** What the importFile specs share: an analyst's import of a CSV fixture or text, and one stored row. */
import { readFileSync } from 'node:fs';
import type { DB } from '$lib/server/db';
import { bufferSource } from './dialect';
import { importFile, type IngestScope } from './ingest';

export const ENV = { BENCHLEARN_TODAY: '2026-11-25' };
export const ANALYST: IngestScope = { jobcenterId: null, mayImportRegister: true };
export const fixture = (name: string) => readFileSync(`tests/fixtures/ingest/${name}`);

export function run(
	db: DB,
	file: string | Buffer,
	options: { scope?: IngestScope; dryRun?: boolean } = {}
) {
	return importFile(db, bufferSource(file), {
		fileName: 'test.csv',
		userId: null,
		scope: options.scope ?? ANALYST,
		dryRun: options.dryRun,
		env: ENV
	});
}

export async function metric(db: DB, jobcenterId: number, channel: string, month: string) {
	return db
		.selectFrom('monthly_metric')
		.selectAll()
		.where('jobcenter_id', '=', jobcenterId)
		.where('channel_id', '=', channel)
		.where('month', '=', month)
		.executeTakeFirst();
}
