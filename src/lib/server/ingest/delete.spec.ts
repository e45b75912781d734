import { describe, expect, it } from 'vitest';
import { dumpTables } from '$lib/server/db/dump';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { countRows, deleteRows } from './delete';
import { undoUpload } from './undo';

async function setup() {
	const db = await testDatabase();
	const id = await addJobcenter(db, '05754');
	const other = await addJobcenter(db, '05158');
	const rows = [];
	for (const jobcenter_id of [id, other]) {
		for (const channel_id of ['facebook', 'instagram']) {
			for (const month of ['2026-01', '2026-02', '2026-03']) {
				rows.push({
					jobcenter_id,
					channel_id,
					month,
					followers: 100,
					posts: 4,
					staff_hours: 2.5,
					replies: null
				});
			}
		}
	}
	await db.insertInto('monthly_metric').values(rows).execute();
	return { db, id };
}

describe('deleting stored rows', () => {
	it('deletes exactly the selected jobcenter, months and channels', async () => {
		const { db, id } = await setup();
		const selection = { jobcenterId: id, from: '2026-02', to: '2026-03', channels: ['instagram'] };
		expect(await countRows(db, selection)).toBe(2);
		const result = await deleteRows(db, selection, null, 'Löschung 05754');
		expect(result.deleted).toBe(2);
		const left = await db
			.selectFrom('monthly_metric')
			.select(['jobcenter_id', 'channel_id', 'month'])
			.execute();
		expect(left).toHaveLength(10);
		expect(
			left.filter((r) => r.jobcenter_id === id && r.channel_id === 'instagram').map((r) => r.month)
		).toEqual(['2026-01']);
		const upload = await db
			.selectFrom('upload')
			.selectAll()
			.where('id', '=', result.uploadId)
			.executeTakeFirstOrThrow();
		expect(upload).toMatchObject({
			kind: 'deletion',
			rows_updated: 2,
			file_name: 'Löschung 05754'
		});
	});

	it('is undone like an upload, restoring every value including NULL and decimals', async () => {
		const { db, id } = await setup();
		const before = await dumpTables(db);
		const { uploadId } = await deleteRows(
			db,
			{ jobcenterId: id, from: '2026-01', to: '2026-12', channels: null },
			null,
			'x'
		);
		expect(
			await countRows(db, { jobcenterId: id, from: '2026-01', to: '2026-12', channels: null })
		).toBe(0);
		expect(await undoUpload(db, uploadId)).toEqual({ ok: true, restored: 6 });
		expect((await dumpTables(db)).monthly_metric).toEqual(before.monthly_metric);
	});

	it('refuses the undo when a later upload put rows back in the meantime', async () => {
		const { db, id } = await setup();
		const { uploadId } = await deleteRows(
			db,
			{ jobcenterId: id, from: '2026-01', to: '2026-01', channels: ['facebook'] },
			null,
			'x'
		);
		await db
			.insertInto('monthly_metric')
			.values({ jobcenter_id: id, channel_id: 'facebook', month: '2026-01', followers: 7 })
			.execute();
		expect(await undoUpload(db, uploadId)).toMatchObject({ ok: false, reason: 'changed_since' });
	});
});
