import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChannelId } from '$lib/channels';
import type { DB } from '$lib/server/db';
import { dumpTables } from '$lib/server/db/dump';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { bufferSource } from '../dialect';
import { importFile } from '../ingest';
import { issueMessage } from '../messages';
import { undoUpload } from '../undo';
import type { Period } from './dates';
import { importNativeFiles, metaDailyTitle } from './native';

const ENV = { BENCHLEARN_TODAY: '2026-11-15' };
const FB_POSTS = 'Dec-01-2024_Mar-15-2025_1099511627776.csv';
const FB_REACH = 'Facebook_Reichweite_Excel.csv';
const IG_POSTS = 'Instagram_Beitraege_Jobcenter.csv';
const X_TWEETS = 'tweet_activity_metrics_jc_muster_20250101_20250201_de.csv';

type File = string | { name: string; text: string };

function run(
	db: DB,
	jobcenterId: number,
	files: File[],
	options: { channel?: ChannelId; period?: Period; dryRun?: boolean } = {}
) {
	return importNativeFiles(
		db,
		files.map((f) =>
			typeof f === 'string'
				? { name: f, source: bufferSource(readFileSync(`tests/fixtures/native/${f}`)) }
				: { name: f.name, source: bufferSource(f.text) }
		),
		{ jobcenterId, userId: null, env: ENV, ...options }
	);
}

async function stored(db: DB, jobcenterId: number, channel: string) {
	return db
		.selectFrom('monthly_metric')
		.select(['month', 'followers', 'posts', 'impressions', 'reach', 'reactions', 'comments'])
		.select(['shares', 'staff_hours'])
		.where('jobcenter_id', '=', jobcenterId)
		.where('channel_id', '=', channel)
		.orderBy('month')
		.execute();
}

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

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

	it('counts X posts on their Berlin day: 23:30 UTC on 31 December is January', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const result = await run(db, id, [X_TWEETS]);
		expect(result.files[0]).toMatchObject({
			format: 'x-tweets',
			channel: 'x',
			period: { from: '2025-01-01', to: '2025-02-01', source: 'file-name' },
			months: ['2025-01'],
			warnings: []
		});
		// The third post (23:10 UTC on 31 January) is 1 February in Berlin: February is partial.
		expect(result.files[0].skipped.map((s) => s.issue.detail)).toEqual([
			'2025-02|2025-02-01|2025-02-01|1|28'
		]);
		// Posts 1 and 2: 400 + 600 impressions, likes 10 + 14, replies 1 + 0, retweets 2 + 3.
		expect(await stored(db, id, 'x')).toMatchObject([
			{ month: '2025-01', posts: 2, impressions: 1000, reactions: 24, comments: 1, shares: 5 }
		]);
	});

	it('sums a TikTok overview per day; an N/A day leaves reach out of February', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const result = await run(db, id, ['Overview.csv']);
		expect(result.files[0]).toMatchObject({
			format: 'tiktok-overview',
			channel: 'tiktok',
			months: ['2025-02']
		});
		expect(result.files[0].warnings.map((w) => w.detail)).toEqual(['2025-02|reach|1|days']);
		// 28 days × 100 views, × 5 likes, × 1 comment, × 2 shares.
		expect(await stored(db, id, 'tiktok')).toMatchObject([
			{ month: '2025-02', impressions: 2800, reach: null, reactions: 140, comments: 28, shares: 56 }
		]);
	});

	it("stores TikTok's total followers of each month's last day", async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const result = await run(db, id, ['Follower_History.csv']);
		expect(result.files[0]).toMatchObject({
			format: 'tiktok-followers',
			months: ['2025-01', '2025-02']
		});
		// 1000 on 1 January, 2 more each day: 1000 + 30 × 2 on the 31st, 1060 + 28 × 2 on 28 February.
		expect((await stored(db, id, 'tiktok')).map((r) => [r.month, r.followers, r.posts])).toEqual([
			['2025-01', 1060, null],
			['2025-02', 1116, null]
		]);
	});

	it('stores YouTube views as impressions; a month whose only metric lacks a day writes no row', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const result = await run(db, id, ['Totals.csv']);
		expect(result.files[0]).toMatchObject({
			format: 'youtube-daily',
			months: ['2025-01', '2025-02']
		});
		expect(codes(result.files[0].warnings)).toEqual(['native_missing_days']);
		// 1 + 2 + … + 31 views in January.
		expect((await stored(db, id, 'youtube')).map((r) => [r.month, r.impressions])).toEqual([
			['2025-01', 496]
		]);
		expect(result.inserted).toBe(1);
	});

	it('skips the current month, and rejects a file without a complete month naming its period', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const days = (month: string, n: number) =>
			Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')},7`);
		const lines = ['Date,Views', ...days('2026-10', 31), ...days('2026-11', 30)];
		const result = await run(db, id, [{ name: 'Totals.csv', text: lines.join('\n') }]);
		expect(result.files[0].months).toEqual(['2026-10']);
		expect(issueMessage(result.files[0].skipped[0].issue, 'de')).toBe(
			'November 2026 ist noch nicht abgeschlossen und wird nicht gespeichert.'
		);

		const partial = await run(db, id, [
			{
				name: 'Jan-14-2025_Feb-10-2025_1.csv',
				text: readFileSync(`tests/fixtures/native/${FB_POSTS}`, 'utf8')
			}
		]);
		expect(codes(partial.files[0].errors)).toEqual(['native_no_complete_month']);
		expect(issueMessage(partial.files[0].errors[0], 'de')).toContain(
			'Die Datei deckt den Zeitraum 14.01.2025 bis 10.02.2025 ab.'
		);
		// Posts outside the stated period are named, not counted.
		expect(
			codes(partial.files[0].warnings).filter((c) => c === 'native_outside_period')
		).toHaveLength(3);
		expect(partial.uploadId).toBeNull();
	});

	it('rejects a file wrapped line by line, and names an unreadable date where it is', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const wrapped = await run(db, id, ['Jan-01-2025_Jan-31-2025_wrapped.csv']);
		expect(codes(wrapped.files[0].errors)).toEqual(['native_wrapped_lines']);
		expect(issueMessage(wrapped.files[0].errors[0], 'de')).toContain(
			'Bitte exportieren Sie die Datei erneut aus der Plattform'
		);
		const text = 'Date,Views\n2025-01-01,1\n2025-13-02,1\n';
		const bad = await run(db, id, [{ name: 'Totals.csv', text }]);
		expect(bad.files[0].errors[0]).toMatchObject({
			line: 3,
			column: 'Date',
			value: '2025-13-02',
			code: 'native_bad_date'
		});
	});
});

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
