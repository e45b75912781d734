import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { dumpTables, type TableDump } from '$lib/server/db/dump';
import type { DB } from '$lib/server/db';
import { bufferSource } from './dialect';
import { importFile } from './ingest';
import { undoUpload } from './undo';

async function run(db: DB, file: string | Buffer): Promise<number> {
	const result = await importFile(db, bufferSource(file), {
		fileName: 'test.csv',
		userId: null,
		scope: { jobcenterId: null, mayImportRegister: true },
		env: { BENCHLEARN_TODAY: '2026-11-25' }
	});
	expect(result.errors).toEqual([]);
	return result.uploadId as number;
}

/** Everything but the audit trail, which undo extends on purpose. */
async function data(db: DB): Promise<Omit<TableDump, 'upload'>> {
	const { upload: _, ...rest } = await dumpTables(db);
	return rest;
}

const HEADER = 'jobcenter,month,channel,followers,posts\n';

describe('undoUpload', () => {
	it('restores exactly the rows an upload inserted or changed', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		await run(db, HEADER + '05754,2026-01,x,10,1\n05754,2026-02,x,20,2\n');
		const before = await data(db);
		const upload = await run(
			db,
			HEADER + '05754,2026-01,x,10,1\n05754,2026-02,x,25,2\n05754,2026-03,x,30,3\n'
		);
		expect(await undoUpload(db, upload)).toEqual({ ok: true, restored: 2 });
		const after = await data(db);
		expect(after.monthly_metric).toEqual(before.monthly_metric);
		const row = await db
			.selectFrom('upload')
			.select('undone_at')
			.where('id', '=', upload)
			.executeTakeFirstOrThrow();
		expect(row.undone_at).toMatch(/^\d{4}-/);
		expect(await undoUpload(db, upload, 'en')).toMatchObject({
			ok: false,
			reason: 'already_undone'
		});
	});

	it('refuses while a later upload has changed the same rows, and works once that is undone', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const first = await run(db, HEADER + '05754,2026-01,x,10,1\n');
		const second = await run(db, HEADER + '05754,2026-01,x,11,1\n');
		const refused = await undoUpload(db, first);
		expect(refused).toMatchObject({ ok: false, reason: 'changed_since' });
		expect(!refused.ok && refused.message).toContain(`Upload ${second}`);
		expect(await undoUpload(db, second)).toMatchObject({ ok: true });
		expect(await undoUpload(db, first)).toMatchObject({ ok: true });
		expect((await data(db)).monthly_metric).toEqual([]);
	});

	it('says so for an unknown upload', async () => {
		const db = await testDatabase();
		expect(await undoUpload(db, 42, 'en')).toEqual({
			ok: false,
			reason: 'not_found',
			message: 'Upload 42 does not exist.'
		});
	});

	it('undoes a register upload: fields, eLb history and new jobcenters', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const before = await data(db);
		const upload = await run(db, readFileSync('tests/fixtures/ingest/register-german.csv'));
		expect(await undoUpload(db, upload)).toMatchObject({ ok: true });
		expect(await data(db)).toEqual(before);
	});

	it('keeps a jobcenter a register upload created once data exists for it', async () => {
		const db = await testDatabase();
		const upload = await run(db, 'code,name,state,carrier,elb\n07777,Jobcenter Neu,NW,gE,5000\n');
		await run(db, HEADER + '07777,2026-01,x,10,1\n');
		expect(await undoUpload(db, upload)).toMatchObject({ ok: false, reason: 'jobcenter_in_use' });
	});
});
