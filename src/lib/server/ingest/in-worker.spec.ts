import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteOf } from '$lib/server/db';
import { dumpTables } from '$lib/server/db/dump';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { bufferSource, UnreadableFile } from './dialect';
import { importFile } from './ingest';
import { DatabaseBusy, importInWorker, undoInWorker } from './in-worker';
import type { ImportProgress } from './worker';

const ANALYST = { jobcenterId: null, mayImportRegister: true };
const ENV = { BENCHLEARN_TODAY: '2026-11-25' };

describe('importInWorker', { timeout: 60_000 }, () => {
	it('checks and then imports a staged file in a thread of its own, with progress', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const path = sqliteOf(db).name;
		const lines = ['jobcenter;month;channel;followers;staff_hours'];
		for (let y = 2012; y <= 2025; y++)
			for (let m = 1; m <= 12; m++)
				for (const channel of ['facebook', 'x', 'youtube', 'linkedin'])
					lines.push(`05754;${y}-${String(m).padStart(2, '0')};${channel};1.234;2,5`);
		const file = join(path, '..', 'staged.csv');
		writeFileSync(file, lines.join('\r\n'));
		const options = { fileName: 'staged.csv', userId: null, scope: ANALYST, env: ENV };
		const before = await dumpTables(db);

		const dry = await importInWorker(path, file, { ...options, dryRun: true });
		expect(dry).toMatchObject({ inserted: 672, uploadId: null, errorCount: 0 });
		expect(dry.dialect).toEqual({ encoding: 'utf-8', delimiter: ';', numberStyle: 'de' });
		// The preview's first rows come with the check, read in the worker too.
		const first = [
			['2012-01', 'facebook'],
			['2012-01', 'x'],
			['2012-01', 'youtube'],
			['2012-01', 'linkedin'],
			['2012-02', 'facebook']
		];
		expect(dry.sample).toEqual(
			first.map(([month, channel], i) => ({
				line: i + 2,
				cells: ['05754', month, channel, '1.234', '2,5']
			}))
		);
		expect(await dumpTables(db)).toEqual(before);

		const progress: ImportProgress[] = [];
		const result = await importInWorker(path, file, options, (p) => progress.push(p));
		expect(result).toMatchObject({ inserted: 672, errorCount: 0 });
		expect(result.sample).toBeUndefined();
		const stored = await db
			.selectFrom('monthly_metric')
			.select(['followers', 'staff_hours'])
			.where('month', '=', '2020-05')
			.where('channel_id', '=', 'x')
			.executeTakeFirstOrThrow();
		expect(stored).toEqual({ followers: 1234, staff_hours: 2.5 });
		for (const p of progress) expect(p.share).toBeLessThanOrEqual(1);
	});

	it('reports an unreadable file as importFile does', async () => {
		const db = await testDatabase();
		const path = sqliteOf(db).name;
		const file = join(path, '..', 'book.xls');
		writeFileSync(file, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
		await expect(
			importInWorker(path, file, { fileName: 'book.xls', userId: null, scope: ANALYST })
		).rejects.toBeInstanceOf(UnreadableFile);
	});

	it('gives up with DatabaseBusy when another connection keeps the write lock too long', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const path = sqliteOf(db).name;
		const file = join(path, '..', 'small.csv');
		writeFileSync(file, 'jobcenter,month,channel,posts\n05754,2026-01,x,1\n');
		const before = await dumpTables(db);
		const other = new SQLite(path);
		other.exec('begin immediate');
		try {
			const options = { fileName: 'small.csv', userId: null, scope: ANALYST, env: ENV };
			await expect(importInWorker(path, file, options, () => {}, 300)).rejects.toBeInstanceOf(
				DatabaseBusy
			);
		} finally {
			other.exec('rollback');
			other.close();
		}
		expect(await dumpTables(db)).toEqual(before);
	});
});

describe('undoInWorker', { timeout: 60_000 }, () => {
	async function imported() {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const before = await dumpTables(db);
		const result = await importFile(
			db,
			bufferSource('jobcenter,month,channel,followers\n05754,2026-01,x,10\n05754,2026-02,x,12\n'),
			{ fileName: 'small.csv', userId: null, scope: ANALYST, env: ENV }
		);
		expect(result.errors).toEqual([]);
		return { db, path: sqliteOf(db).name, id: result.uploadId as number, before };
	}
	const metrics = (db: Awaited<ReturnType<typeof imported>>['db']) =>
		db.selectFrom('monthly_metric').select(['month', 'followers']).orderBy('month').execute();

	it('undoes in a thread of its own: it waits for a lock that this thread holds, and this thread goes on', async () => {
		const { db, path, id, before } = await imported();
		const other = new SQLite(path);
		other.exec('begin immediate');
		const undo = undoInWorker(path, id, 'de');
		// An undo on this thread would wait here synchronously, and the lock would never be released.
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(await metrics(db)).toHaveLength(2);
		other.exec('rollback');
		other.close();
		expect(await undo).toEqual({ ok: true, restored: 2 });
		expect((await dumpTables(db)).monthly_metric).toEqual(before.monthly_metric);
		expect(await undoInWorker(path, id, 'en')).toEqual({
			ok: false,
			reason: 'already_undone',
			message: `Upload ${id} has already been undone.`
		});
	});

	it('gives up with DatabaseBusy, leaving the rows, when the lock stays taken too long', async () => {
		const { db, path, id } = await imported();
		const other = new SQLite(path);
		other.exec('begin immediate');
		try {
			await expect(undoInWorker(path, id, 'de', 300)).rejects.toBeInstanceOf(DatabaseBusy);
		} finally {
			other.exec('rollback');
			other.close();
		}
		expect(await metrics(db)).toEqual([
			{ month: '2026-01', followers: 10 },
			{ month: '2026-02', followers: 12 }
		]);
	});
});
