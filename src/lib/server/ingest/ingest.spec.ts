import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { dumpTables } from '$lib/server/db/dump';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { addMonths } from '$lib/months';
import { fixture, metric, run } from './ingest.fixture';

describe('importFile with metrics', () => {
	it('imports a Windows-1252 semicolon file from German Excel', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const result = await run(db, fixture('metrics-windows1252-semicolon.csv'));
		expect(result.errors).toEqual([]);
		expect(result.dialect).toEqual({ encoding: 'windows-1252', delimiter: ';', numberStyle: 'de' });
		expect(result).toMatchObject({ kind: 'metrics', inserted: 3, updated: 0, unchanged: 0 });
		expect(result.warnings.map((w) => [w.line, w.code, w.detail])).toEqual([
			[4, 'code_leading_zero', '05754']
		]);
		expect(await metric(db, id, 'facebook', '2026-01')).toMatchObject({
			followers: 1234,
			impressions: 45678,
			reach: 30000,
			staff_hours: 12.5
		});
		expect(await metric(db, id, 'instagram', '2026-03')).toMatchObject({
			reach: null,
			staff_hours: 8
		});
		expect(await metric(db, id, 'x', '2026-01')).toMatchObject({ posts: 0, staff_hours: 1.25 });
		const upload = await db.selectFrom('upload').selectAll().executeTakeFirstOrThrow();
		expect(upload).toMatchObject({
			id: result.uploadId,
			kind: 'metrics',
			rows_inserted: 3,
			warnings: 1
		});
		expect(JSON.parse(upload.dialect as string)).toEqual(result.dialect);
	});

	it('imports the same file twice without duplicates and reports corrections exactly', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		await run(db, fixture('metrics-utf8-bom.csv'));
		const again = await run(db, fixture('metrics-utf8-bom.csv'));
		expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, errors: [] });
		const corrected = fixture('metrics-utf8-bom.csv')
			.toString()
			.replace('2000,8,10000', '2000,9,10000');
		const fixed = await run(db, Buffer.from(corrected));
		expect(fixed).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
		expect(fixed.changes).toEqual([
			expect.objectContaining({
				line: 3,
				channel: 'instagram',
				before: expect.objectContaining({ posts: 8 }),
				after: expect.objectContaining({ posts: 9 })
			})
		]);
		expect((await metric(db, id, 'instagram', '2026-01'))?.posts).toBe(9);
	});

	it('leaves metrics the file lacks untouched, stores empty cells as NULL and 0 as 0', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		await run(
			db,
			'jobcenter,month,channel,followers,posts,staff_hours\n05754,2026-01,facebook,100,5,2\n'
		);
		const result = await run(
			db,
			'jobcenter,month,channel,posts,replies\n05754,2026-01,facebook,,0\n'
		);
		expect(result).toMatchObject({ updated: 1 });
		expect(await metric(db, id, 'facebook', '2026-01')).toMatchObject({
			followers: 100,
			posts: null,
			replies: 0,
			staff_hours: 2
		});
	});

	it('reads a tab file with decimal commas as German throughout', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const result = await run(db, fixture('metrics-tab-decimal-comma.csv'));
		expect(result.dialect).toEqual({ encoding: 'utf-8', delimiter: '\t', numberStyle: 'de' });
		expect(await metric(db, id, 'linkedin', '2026-02')).toMatchObject({
			followers: 1300,
			staff_hours: 3
		});
		// The pass read in the tab file's default English style was rolled back, upload and all.
		const uploads = await db.selectFrom('upload').select(['id', 'dialect']).execute();
		expect(uploads).toEqual([{ id: result.uploadId, dialect: JSON.stringify(result.dialect) }]);
	});

	it('loads a file larger than the table with its indexes built afresh, or leaves all as it was', async () => {
		const db = await testDatabase();
		const codes = Array.from({ length: 15 }, (_, i) => `0${1001 + i}`);
		for (const code of codes) await addJobcenter(db, code);
		const schema = () =>
			sql<{ name: string; sql: string }>`select name, sql from sqlite_schema
			where tbl_name = 'monthly_metric' order by name`.execute(db);
		const indexes = (await schema()).rows;
		expect(indexes.map((i) => i.name)).toContain('monthly_metric_by_month');
		const lines = ['jobcenter,month,channel,followers,posts'];
		for (const code of codes)
			for (const channel of ['facebook', 'instagram', 'x', 'youtube'])
				for (let m = 0; m < 200; m++)
					lines.push(`${code},${addMonths('2010-01', m)},${channel},${m},1`);
		const file = lines.join('\n') + '\n';
		expect(lines.length - 1).toBe(12_000);

		const before = await dumpTables(db);
		const rejected = await run(db, file + '01001,2030-01,x,1,1\n');
		expect(rejected.errors.map((e) => [e.line, e.code])).toEqual([[12_002, 'future_month']]);
		expect(await dumpTables(db)).toEqual(before);
		expect((await schema()).rows).toEqual(indexes);

		const result = await run(db, file);
		expect(result).toMatchObject({ inserted: 12_000, errorCount: 0 });
		expect((await schema()).rows).toEqual(indexes);
		expect((await sql`pragma integrity_check`.execute(db)).rows).toEqual([
			{ integrity_check: 'ok' }
		]);
		const plan = await sql<{ detail: string }>`explain query plan
			select sum(posts) from monthly_metric where month = '2020-05'`.execute(db);
		expect(plan.rows.map((r) => r.detail).join()).toMatch(/^SEARCH monthly_metric USING .*INDEX/);
		const may2020 = await sql<{
			n: number;
			posts: number;
		}>`select count(*) as n, sum(posts) as posts
			from monthly_metric where month = '2020-05'`.execute(db);
		expect(may2020.rows).toEqual([{ n: 60, posts: 60 }]);
	});
});
