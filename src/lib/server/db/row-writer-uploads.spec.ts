/** Uploads after the row-writer migration build on the history it carried over, and undo as before. */
import { describe, expect, it } from 'vitest';
import { bufferSource } from '$lib/server/ingest/dialect';
import { importFile } from '$lib/server/ingest/ingest';
import { undoUpload } from '$lib/server/ingest/undo';
import { migrateToLatest, sqliteOf } from '.';
import { oldDatabase } from './row-writer-migration.fixture';

describe('the row-writer migration', () => {
	it('lets uploads after the migration build on the carried-over history', async () => {
		const db = await oldDatabase();
		await migrateToLatest(db);
		const result = await importFile(
			db,
			bufferSource('jobcenter,month,channel,followers,posts\n05754,2026-01,facebook,12,1\n'),
			{
				fileName: 'neu.csv',
				userId: null,
				scope: { jobcenterId: null, mayImportRegister: false },
				env: { BENCHLEARN_TODAY: '2026-11-25' }
			}
		);
		expect(result).toMatchObject({ errors: [], updated: 1 });
		const later = result.uploadId as number;
		expect(await undoUpload(db, 1)).toMatchObject({
			ok: false,
			message: expect.stringContaining(`durch Upload 2, 4, ${later}`)
		});
		expect(await undoUpload(db, later)).toEqual({ ok: true, restored: 1 });
		for (const id of [5, 4, 2]) expect(await undoUpload(db, id)).toMatchObject({ ok: true });
		expect(await undoUpload(db, 1)).toEqual({ ok: true, restored: 4 });
	});

	it("still refuses after the migration when plain SQL changed or deleted an upload's rows", async () => {
		const db = await oldDatabase();
		await migrateToLatest(db);
		const run = async (csv: string) =>
			(
				await importFile(db, bufferSource('jobcenter,month,channel,followers,posts\n' + csv), {
					fileName: 'neu.csv',
					userId: null,
					scope: { jobcenterId: null, mayImportRegister: false },
					env: { BENCHLEARN_TODAY: '2026-11-25' }
				})
			).uploadId as number;
		const changed = await run('05754,2026-07,facebook,1,1\n');
		const deleted = await run('05754,2026-08,facebook,1,1\n');
		sqliteOf(db).exec(`update monthly_metric set followers = 2 where month = '2026-07'`);
		sqliteOf(db).exec(`delete from monthly_metric where month = '2026-08'`);
		for (const id of [changed, deleted]) {
			expect(await undoUpload(db, id)).toMatchObject({
				ok: false,
				message: expect.stringContaining(
					'1 der Zeilen wurden seither geändert (nicht durch einen Upload)'
				)
			});
		}
	});
});
