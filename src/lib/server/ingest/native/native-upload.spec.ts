/** Several native exports as one upload: written, refused and undone together. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dumpTables } from '$lib/server/db/dump';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { undoUpload } from '../undo';
import { FB_POSTS, FB_REACH, X_TWEETS, codes, run, stored } from './native.fixture';

describe('importNativeFiles, several files as one upload', () => {
	const FILES = [FB_POSTS, FB_REACH, 'Follows.csv', X_TWEETS];

	it('writes one upload, prefers the daily reach, is idempotent and undone as a whole', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const before = await dumpTables(db);
		const dry = await run(db, id, FILES, { dryRun: true });
		expect(dry).toMatchObject({ uploadId: null, inserted: 4, errorCount: 0 });
		expect(await dumpTables(db)).toEqual(before);

		const result = await run(db, id, FILES);
		expect(result.files.map((f) => f.format)).toEqual([
			'meta-posts',
			'meta-daily',
			'meta-daily',
			'x-tweets'
		]);
		expect(result).toMatchObject({ inserted: 4, updated: 0, errorCount: 0 });
		expect(result.files[0].warnings.map((w) => [w.code, w.month])).toEqual([
			['native_views_differ', undefined],
			['native_overridden', '2025-01']
		]);
		// January's reach is the daily series' 4960, not the posts' 1550; February keeps the posts'.
		expect((await stored(db, id, 'facebook')).map((r) => [r.month, r.reach])).toEqual([
			['2024-12', 0],
			['2025-01', 4960],
			['2025-02', 1380]
		]);
		const uploads = await db.selectFrom('upload').selectAll().execute();
		expect(uploads).toHaveLength(1);
		expect(uploads[0]).toMatchObject({ kind: 'metrics', rows_inserted: 4 });
		expect(
			JSON.parse(uploads[0].dialect as string).files.map((f: { format: string }) => f.format)
		).toEqual(['meta-posts', 'meta-daily', 'meta-daily', 'x-tweets']);

		const again = await run(db, id, FILES);
		expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });

		expect(await undoUpload(db, result.uploadId as number)).toMatchObject({ ok: true });
		const { upload: _, ...data } = await dumpTables(db);
		const { upload: __, ...empty } = before;
		expect(data).toEqual(empty);
	});

	it('writes nothing of any file when one of them is rejected', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const before = await dumpTables(db);
		const result = await run(db, id, [FB_POSTS, 'Jan-01-2025_Jan-31-2025_wrapped.csv', X_TWEETS]);
		expect(result).toMatchObject({ uploadId: null, inserted: 0, errorCount: 1 });
		expect(result.files[0].months).toEqual(['2024-12', '2025-01', '2025-02']);
		expect(await dumpTables(db)).toEqual(before);
	});

	it("takes no file of Benchlearn's own layout among exports, and names it", async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const own = {
			name: 'eigene.csv',
			text: readFileSync('tests/fixtures/ingest/metrics-utf8-bom.csv', 'utf8')
		};
		const result = await run(db, id, [FB_POSTS, own]);
		expect(result.files.map((f) => [f.format, codes(f.errors)])).toEqual([
			['meta-posts', []],
			[null, ['native_unknown_format']]
		]);
		expect(result.uploadId).toBeNull();
	});

	it('refuses two post exports that bring different values for the same month', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const text = readFileSync(`tests/fixtures/native/${FB_POSTS}`, 'utf8').replace(
			'"1200","900"',
			'"1200","901"'
		);
		const result = await run(db, id, [FB_POSTS, { name: 'Jan-01-2025_Jan-31-2025_2.csv', text }]);
		expect(result.files[1].errors.map((e) => [e.code, e.detail])).toEqual([
			['native_conflict', `reach|2025-01|${FB_POSTS}`]
		]);
		expect(result.uploadId).toBeNull();
	});
});
