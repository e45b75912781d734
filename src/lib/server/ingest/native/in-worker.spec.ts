import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqliteOf } from '$lib/server/db';
import { dumpTables } from '$lib/server/db/dump';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import type { ImportProgress } from '../worker';
import { importNativeInWorker, UnreadableNativeFile } from './in-worker';

const ENV = { BENCHLEARN_TODAY: '2026-11-15' };
/** Line feeds in the fixture's file, as `wc -l` counts them. */
const LINES = 10;

describe('importNativeInWorker', { timeout: 60_000 }, () => {
	it('checks and imports staged exports under the names the user gave them', async () => {
		const db = await testDatabase();
		const jobcenterId = await addJobcenter(db, '05754');
		const path = sqliteOf(db).name;
		// Staged under a neutral name: the period is read from the name given, not from the path.
		const staged = join(path, '..', 'upload-1.part');
		copyFileSync('tests/fixtures/native/Dec-01-2024_Mar-15-2025_1099511627776.csv', staged);
		const files = [{ path: staged, name: 'Dec-01-2024_Mar-15-2025_1099511627776.csv' }];
		const options = { jobcenterId, userId: null, env: ENV };
		const before = await dumpTables(db);
		const progress: ImportProgress[] = [];
		const dry = await importNativeInWorker(path, files, { ...options, dryRun: true }, (p) =>
			progress.push(p)
		);
		expect(dry).toMatchObject({ uploadId: null, inserted: 3, errorCount: 0 });
		// The status page's bar: every line of the file read (`wc -l`), all of its bytes.
		expect(progress.at(-1)).toEqual({ phase: 'check', rows: LINES, totalRows: LINES, share: 1 });
		expect(dry.files[0].months).toEqual(['2024-12', '2025-01', '2025-02']);
		expect(await dumpTables(db)).toEqual(before);
		const result = await importNativeInWorker(path, files, options);
		expect(result.uploadId).toBeGreaterThan(0);
		expect(await db.selectFrom('monthly_metric').select('posts').execute()).toHaveLength(3);
	});

	it('names the file that is no text at all', async () => {
		const db = await testDatabase();
		const jobcenterId = await addJobcenter(db, '05754');
		const path = sqliteOf(db).name;
		const binary = join(path, '..', 'book.xls');
		writeFileSync(binary, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
		const files = [{ path: binary, name: 'Alte Mappe.xls' }];
		const failed = importNativeInWorker(path, files, { jobcenterId, userId: null, env: ENV });
		await expect(failed).rejects.toBeInstanceOf(UnreadableNativeFile);
		await expect(failed).rejects.toMatchObject({ reason: 'binary', fileName: 'Alte Mappe.xls' });
	});
});
