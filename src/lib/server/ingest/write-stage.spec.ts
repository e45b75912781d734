import { describe, expect, it } from 'vitest';
import { dumpTables } from '$lib/server/db/dump';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { MetricRows } from './metric-rows';
import { writeMetrics, type UploadRecord } from './write-stage';

const UPLOAD: UploadRecord = {
	userId: null,
	fileName: 'x.csv',
	sha256: 'ab',
	kind: 'metrics',
	dialect: { encoding: 'utf-8', delimiter: ',', numberStyle: 'en' }
};

function rowsFor(jobcenterId: number, months: number) {
	const rows = new MetricRows(['followers']);
	for (let m = 1; m <= months; m++) {
		const month = `2025-${String(m).padStart(2, '0')}`;
		rows.push({ line: m + 1, jobcenterId, channel: 'x', month, values: { followers: m } });
	}
	return rows;
}

describe('writeMetrics', () => {
	it('writes every row and the upload in one transaction', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const hooks = { warningCount: () => 0 };
		const written = writeMetrics(db, rowsFor(id, 12), UPLOAD, String, () => {}, hooks);
		expect(written).toMatchObject({ inserted: 12, updated: 0, unchanged: 0 });
		const upload = await db.selectFrom('upload').selectAll().executeTakeFirstOrThrow();
		expect(upload).toMatchObject({ id: written.uploadId, rows_inserted: 12, kind: 'metrics' });
		// Inserted rows keep no before-image: they name their writer, which is all undo needs.
		expect(await db.selectFrom('upload_metric_change').select('month').execute()).toEqual([]);
		const writers = await db.selectFrom('monthly_metric').select('upload_id').execute();
		expect(writers).toEqual(Array(12).fill({ upload_id: written.uploadId }));
	});

	it('leaves everything as it was when the import ends through the seam mid-transaction', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const before = await dumpTables(db);
		const seen: number[] = [];
		const hooks = {
			warningCount: () => 0,
			onRowWritten: (n: number) => {
				seen.push(n);
				if (n === 5) throw new Error('crash');
			}
		};
		expect(() => writeMetrics(db, rowsFor(id, 12), UPLOAD, String, () => {}, hooks)).toThrow(
			'crash'
		);
		expect(seen).toEqual([1, 2, 3, 4, 5]);
		expect(await dumpTables(db)).toEqual(before);
	});

	it('only compares on a dry run: counts and warnings, nothing written, no row reported written', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const before = await dumpTables(db);
		const warnings: string[] = [];
		const rows = new MetricRows(['followers']);
		rows.push({
			line: 2,
			jobcenterId: id,
			channel: 'x',
			month: '2025-01',
			values: { followers: 10 }
		});
		rows.push({
			line: 3,
			jobcenterId: id,
			channel: 'x',
			month: '2025-02',
			values: { followers: 99 }
		});
		const hooks = { warningCount: () => 0, onRowWritten: () => expect.fail('written') };
		const written = writeMetrics(db, rows, null, String, (w) => warnings.push(w.code), hooks);
		expect(written).toMatchObject({ inserted: 2, uploadId: null });
		expect(warnings).toEqual(['followers_jump']);
		expect(await dumpTables(db)).toEqual(before);
	});
});
