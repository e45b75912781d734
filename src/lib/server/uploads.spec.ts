import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import type { DB } from '$lib/server/db';
import type { Viewer } from '$lib/server/auth/authorise';
import { bufferSource } from '$lib/server/ingest/dialect';
import { importFile } from '$lib/server/ingest/ingest';
import { listUploads, mayUndo } from './uploads';

async function account(
	db: DB,
	email: string,
	role: Viewer['role'],
	jobcenterId: number | null
): Promise<Viewer> {
	const { id } = await db
		.insertInto('app_user')
		.values({ email, password_hash: 'x', role, jobcenter_id: jobcenterId })
		.returning('id')
		.executeTakeFirstOrThrow();
	return { userId: id, email, role, jobcenterId, locale: null };
}

async function upload(db: DB, viewer: Viewer, code: string) {
	const result = await importFile(
		db,
		bufferSource(`jobcenter;month;channel;followers\n${code};2026-01;facebook;10\n`),
		{
			fileName: `${code}.csv`,
			userId: viewer.userId,
			scope: { jobcenterId: viewer.jobcenterId, mayImportRegister: viewer.role !== 'jobcenter' },
			env: { BENCHLEARN_TODAY: '2026-11-25' }
		}
	);
	return result.uploadId as number;
}

describe('listUploads', () => {
	it("shows analysts every upload with its jobcenter, jobcenter users only their own jobcenter's", async () => {
		const db = await testDatabase();
		const own = await addJobcenter(db, '05754');
		const other = await addJobcenter(db, '05158');
		const analyst = await account(db, 'a@example.de', 'analyst', null);
		const mine = await account(db, 'jc@example.de', 'jobcenter', own);
		const colleague = await account(db, 'jc2@example.de', 'jobcenter', own);
		const foreign = await account(db, 'x@example.de', 'jobcenter', other);
		const byAnalyst = await upload(db, analyst, '05754');
		const byMe = await upload(db, mine, '05754');
		const byColleague = await upload(db, colleague, '05754');
		const byForeign = await upload(db, foreign, '05158');

		const all = await listUploads(db, analyst);
		expect(all.map((u) => u.id)).toEqual([byForeign, byColleague, byMe, byAnalyst]);
		expect(all[0]).toMatchObject({
			jobcenter: 'Jobcenter 05158 (05158)',
			jobcenterCount: 1,
			userEmail: 'x@example.de',
			inserted: 1,
			dialect: { encoding: 'utf-8', delimiter: ';', numberStyle: 'de' }
		});

		const seen = await listUploads(db, mine);
		expect(seen.map((u) => u.id)).toEqual([byColleague, byMe]);
		expect(seen.every((u) => u.jobcenter === null)).toBe(true);
		expect(await mayUndo(db, mine, byColleague)).toBe(true);
		expect(await mayUndo(db, mine, byForeign)).toBe(false);
		expect(await mayUndo(db, mine, byAnalyst)).toBe(false);
		expect(await mayUndo(db, analyst, byForeign)).toBe(true);
	});
});
