/** Meta's exports: post exports of Facebook and Instagram and their daily series. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dumpTables } from '$lib/server/db/dump';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { bufferSource } from '../dialect';
import { importFile } from '../ingest';
import { issueMessage } from '../messages';
import { metaDailyTitle } from './native';
import { ENV, FB_POSTS, FB_REACH, IG_POSTS, codes, run, stored } from './native.fixture';

describe('importNativeFiles, one format at a time', () => {
	it('sums a Facebook post export over the complete months of the period in its name', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const result = await run(db, id, [FB_POSTS]);
		const [file] = result.files;
		expect(file).toMatchObject({
			format: 'meta-posts',
			channel: 'facebook',
			period: { from: '2024-12-01', to: '2025-03-15', source: 'file-name' },
			months: ['2024-12', '2025-01', '2025-02'],
			errors: []
		});
		expect(file.mapping.map((m) => [m.column, m.metric])).toEqual([
			['Post ID', 'posts'],
			['Views', 'impressions'],
			['Reach', 'reach'],
			['Reactions', 'reactions'],
			['Comments', 'comments'],
			['Shares', 'shares']
		]);
		expect(file.skipped.map((s) => [s.month, issueMessage(s.issue, 'de')])).toEqual([
			[
				'2025-03',
				'März 2025 ist nur teilweise enthalten (15 von 31 Tagen, 01.03.2025 bis 15.03.2025) und wird nicht gespeichert.'
			]
		]);
		// The second Views column differs in line 4 (1480 against 1500): named, the first one used.
		expect(file.warnings.map((w) => [w.line, w.code, w.value])).toEqual([
			[4, 'native_views_differ', '1480']
		]);
		// December has no post: a complete month, so 0 everywhere. January: posts of the 7th
		// (1200 views, 900 reach, 40/5/3) and the 21st (800, 650, 22/1/0). February: the 3rd
		// (1500, 1100, 61/12/9) and the 27th (300, 280, 7/0/1).
		expect(await stored(db, id, 'facebook')).toEqual([
			{
				month: '2024-12',
				followers: null,
				posts: 0,
				impressions: 0,
				reach: 0,
				reactions: 0,
				comments: 0,
				shares: 0,
				staff_hours: null
			},
			{
				month: '2025-01',
				followers: null,
				posts: 2,
				impressions: 2000,
				reach: 1550,
				reactions: 62,
				comments: 6,
				shares: 3,
				staff_hours: null
			},
			{
				month: '2025-02',
				followers: null,
				posts: 2,
				impressions: 1800,
				reach: 1380,
				reactions: 68,
				comments: 12,
				shares: 10,
				staff_hours: null
			}
		]);
		expect(result).toMatchObject({ inserted: 3, updated: 0, unchanged: 0 });
		expect(result.uploadId).toBeGreaterThan(0);
	});

	it('sets only the metrics it maps: followers and staff hours of a stored row stay', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const own = await importFile(
			db,
			bufferSource(
				'jobcenter,month,channel,followers,posts,reach,staff_hours\n05754,2025-01,facebook,2400,9,999,12.5\n'
			),
			{
				fileName: 'own.csv',
				userId: null,
				scope: { jobcenterId: null, mayImportRegister: true },
				env: ENV
			}
		);
		expect(own.errors).toEqual([]);
		const result = await run(db, id, [FB_POSTS]);
		expect(result).toMatchObject({ inserted: 2, updated: 1 });
		const january = (await stored(db, id, 'facebook')).find((r) => r.month === '2025-01');
		expect(january).toMatchObject({ followers: 2400, staff_hours: 12.5, posts: 2, reach: 1550 });
		expect(result.changes[0]).toMatchObject({
			month: '2025-01',
			before: { posts: 9 },
			after: { posts: 2 }
		});
	});

	it('needs the period of an Instagram export without one in its name, then takes the stated one', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const before = await dumpTables(db);
		const refused = await run(db, id, [IG_POSTS]);
		expect(codes(refused.files[0].errors)).toEqual(['native_no_period']);
		expect(issueMessage(refused.files[0].errors[0], 'de')).toContain('--from und --to');
		expect(refused.uploadId).toBeNull();
		expect(await dumpTables(db)).toEqual(before);

		const result = await run(db, id, [IG_POSTS], {
			period: { from: '2025-01-01', to: '2025-02-28' }
		});
		expect(result.files[0]).toMatchObject({
			format: 'meta-posts',
			channel: 'instagram',
			dialect: { encoding: 'utf-16le', delimiter: '\t' },
			period: { source: 'user' },
			errors: []
		});
		// January: the 3rd (500 views, 420 reach, 35 likes, 4 comments, 2 shares) and the 20th
		// (700, 610, 51, 6, 5); February: the 11th (1250, 1000, 80, 9, 11).
		expect(await stored(db, id, 'instagram')).toMatchObject([
			{
				month: '2025-01',
				posts: 2,
				impressions: 1200,
				reach: 1030,
				reactions: 86,
				comments: 10,
				shares: 7
			},
			{
				month: '2025-02',
				posts: 1,
				impressions: 1250,
				reach: 1000,
				reactions: 80,
				comments: 9,
				shares: 11
			}
		]);
	});

	it('reads a Meta daily series re-saved by German Excel; a day with -- leaves reach out of its month', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		await run(db, id, [FB_POSTS]);
		const result = await run(db, id, [FB_REACH]);
		const [file] = result.files;
		expect(file).toMatchObject({
			format: 'meta-daily',
			channel: 'facebook',
			months: ['2025-01', '2025-02']
		});
		expect(file.mapping).toEqual([{ column: 'Primary', metric: 'reach' }]);
		expect(file.skipped.map((s) => s.month)).toEqual(['2025-03']);
		expect(file.warnings.map((w) => [w.code, w.month])).toEqual([
			['native_missing_days', '2025-02']
		]);
		expect(issueMessage(file.warnings[0], 'de')).toBe(
			'Reichweite fehlt im Februar 2025 an 1 Tag(en) (leer, „--“ oder „N/A“). Die Kennzahl bleibt für diesen Monat leer; ein gespeicherter Wert bleibt, wie er ist.'
		);
		// January: 10 × (1 + … + 31) = 10 × 496. February keeps the reach the post export stored.
		const rows = await stored(db, id, 'facebook');
		expect(rows.map((r) => [r.month, r.reach, r.posts])).toEqual([
			['2024-12', 0, 0],
			['2025-01', 4960, 2],
			['2025-02', 1380, 2]
		]);
		expect(result).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
	});

	it('names a Meta series it does not use without an error, and stores nothing of it', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const result = await run(db, id, ['Follows.csv']);
		expect(result.files[0]).toMatchObject({ format: 'meta-daily', notUsed: 'Follows', errors: [] });
		expect(issueMessage(result.files[0].warnings[0], 'de')).toContain(
			'Follows sind neue Follows, nicht die Zahl der Follower'
		);
		expect(result).toMatchObject({ errorCount: 0, inserted: 0 });
		expect(await stored(db, id, 'facebook')).toEqual([]);
	});

	it('takes the channel from the title, needs it without one, and refuses one that contradicts', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const contradicted = await run(db, id, ['Instagram_Aufrufe.csv'], { channel: 'facebook' });
		expect(codes(contradicted.files[0].errors)).toEqual(['native_channel_contradicts']);
		expect(issueMessage(contradicted.files[0].errors[0], 'de')).toBe(
			'Angegeben ist der Kanal „Facebook“, die Datei ist aber ein Export von „Instagram“.'
		);
		expect(contradicted.uploadId).toBeNull();

		const text = readFileSync('tests/fixtures/native/Instagram_Aufrufe.csv', 'utf8').replace(
			'Instagram views',
			'Aufrufe'
		);
		const untitled = { name: 'Aufrufe.csv', text };
		expect(codes((await run(db, id, [untitled])).files[0].errors)).toEqual([
			'native_channel_needed'
		]);
		const named = await run(db, id, [untitled], { channel: 'facebook' });
		expect(named.files[0]).toMatchObject({ channel: 'facebook', errors: [] });

		const own = await run(db, id, ['Instagram_Aufrufe.csv']);
		expect(own.files[0]).toMatchObject({ channel: 'instagram', months: ['2025-03'] });
		// 31 days × 100 views, stored as impressions; April (14 days) is skipped.
		expect((await stored(db, id, 'instagram')).map((r) => [r.month, r.impressions])).toEqual([
			['2025-03', 3100]
		]);
	});
});

describe('metaDailyTitle', () => {
	it('reads channel and metric in English and German, and leaves other figures unused', () => {
		expect(metaDailyTitle('Facebook reach')).toEqual({ channel: 'facebook', metric: 'reach' });
		expect(metaDailyTitle('Instagram-Reichweite')).toEqual({
			channel: 'instagram',
			metric: 'reach'
		});
		expect(metaDailyTitle('Aufrufe')).toEqual({ channel: null, metric: 'impressions' });
		expect(metaDailyTitle('Link clicks')).toEqual({ channel: null, metric: null });
		expect(metaDailyTitle('Content interactions')).toEqual({ channel: null, metric: null });
	});
});
