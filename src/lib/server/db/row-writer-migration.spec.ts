/**
 * The row-writer migration carries existing undo history over: a database written and partly undone
 * the way the app did before it (full images of every touched row) undoes and refuses afterwards
 * exactly as it would have without the migration.
 */
import { describe, expect, it } from 'vitest';
import { undoUpload, type UndoResult } from '$lib/server/ingest/undo';
import { migrateToLatest, sqliteOf } from '.';
import { migrations } from './migrations';
import { ATTEMPTS, figures, oldDatabase, oldUndo } from './row-writer-migration.fixture';

describe('the row-writer migration', () => {
	it('keeps the undo history: every later undo succeeds or refuses exactly as before', async () => {
		const old = await oldDatabase();
		const migrated = await oldDatabase();
		// The row writer and whatever migrations came after it.
		const names = Object.keys(migrations);
		expect(await migrateToLatest(migrated)).toEqual(
			names.slice(names.indexOf('2026-12-01T2350_row_writer'))
		);
		expect(figures(migrated)).toEqual(figures(old));
		// Only before-images of changed or deleted rows are left.
		const images = sqliteOf(migrated)
			.prepare(
				'select upload_id, existed_before, before_upload_id from upload_metric_change order by 1'
			)
			.all();
		expect(images).toEqual([
			{ upload_id: 2, existed_before: 1, before_upload_id: 1 },
			{ upload_id: 4, existed_before: 1, before_upload_id: 1 },
			{ upload_id: 5, existed_before: 1, before_upload_id: 2 },
			{ upload_id: 6, existed_before: 1, before_upload_id: 1 }
		]);

		const before: UndoResult[] = [];
		const after: UndoResult[] = [];
		for (const id of ATTEMPTS) {
			before.push(oldUndo(old, id));
			after.push(await undoUpload(migrated, id));
			expect(figures(migrated)).toEqual(figures(old));
		}
		expect(after).toEqual(before);
		// The history is not trivial: refusals naming later uploads and plain SQL, then undos.
		expect(after.slice(0, 4).map((r) => !r.ok && r.message)).toEqual([
			expect.stringContaining('2 der Zeilen wurden seither geändert (durch Upload 2, 4)'),
			expect.stringContaining('1 der Zeilen wurden seither geändert (durch Upload 5)'),
			expect.stringContaining('(nicht durch einen Upload)'),
			expect.stringContaining('(nicht durch einen Upload)')
		]);
		expect(after.slice(4, 8)).toEqual([
			{ ok: true, restored: 2 },
			{ ok: true, restored: 1 },
			{ ok: true, restored: 2 },
			{ ok: true, restored: 4 }
		]);
		expect(figures(migrated).map((r) => (r as { month: string }).month)).toEqual(['2026-05']);
	});
});
