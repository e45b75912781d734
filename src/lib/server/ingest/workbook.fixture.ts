/** What the workbook specs share: an analyst's import of a file, a jobcenter to import for, the figures stored. */
import type { DB } from '$lib/server/db';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { bufferSource } from './dialect';
import { importFile, type IngestScope } from './ingest';

const ENV = { BENCHLEARN_TODAY: '2026-11-25' };
const ANALYST: IngestScope = { jobcenterId: null, mayImportRegister: true };

export function run(db: DB, file: string | Buffer, dryRun = false) {
	return importFile(db, bufferSource(file), {
		fileName: 'kennzahlen.xlsx',
		userId: null,
		scope: ANALYST,
		dryRun,
		env: ENV
	});
}

export async function withJobcenter() {
	const db = await testDatabase();
	const id = await addJobcenter(db, '05754');
	return { db, id };
}

export const metrics = (db: DB) =>
	db.selectFrom('monthly_metric').selectAll().orderBy('channel_id').orderBy('month').execute();
