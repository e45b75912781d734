/** X, TikTok and YouTube exports, and the periods and refusals every format shares. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { issueMessage } from '../messages';
import { FB_POSTS, X_TWEETS, codes, run, stored } from './native.fixture';

describe('importNativeFiles, one format at a time', () => {
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
