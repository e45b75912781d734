import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { channelStatus, monthStatus, reminderLines, submissions } from './submissions';

const FULL = {
	followers: 1,
	posts: 1,
	impressions: 1,
	reach: 1,
	reactions: 1,
	comments: 1,
	shares: 1,
	replies: 1,
	staff_hours: 1
};

describe('monthStatus', () => {
	it('is complete when every expected channel reports every value', () => {
		const rows = [
			{ channel: 'facebook', ...FULL },
			{ channel: 'instagram', ...FULL }
		];
		expect(monthStatus(rows, ['facebook', 'instagram']).status).toBe('complete');
	});

	it('is partial when a channel or a value is missing, missing when there is no row', () => {
		expect(monthStatus([{ channel: 'facebook', ...FULL }], ['facebook', 'instagram'])).toEqual({
			status: 'partial',
			channels: { facebook: 'complete', instagram: 'missing' }
		});
		expect(channelStatus({ channel: 'facebook', ...FULL, staff_hours: null })).toBe('partial');
		// The answer time is optional: without it a channel's month is still complete.
		const withoutAnswerTime = { channel: 'facebook', ...FULL, response_hours: null };
		expect(channelStatus(withoutAnswerTime)).toBe('complete');
		expect(monthStatus([], ['facebook']).status).toBe('missing');
		expect(monthStatus([], []).status).toBe('missing');
	});
});

describe('submissions', () => {
	it('shows per participant and month what is there, with the date of the latest upload', async () => {
		const db = await testDatabase();
		const a = await addJobcenter(db, '00001');
		const b = await addJobcenter(db, '00002');
		const row = (jobcenter_id: number, month: string, channel_id = 'facebook', extra = {}) =>
			db
				.insertInto('monthly_metric')
				.values({ jobcenter_id, channel_id, month, ...FULL, ...extra })
				.execute();
		await row(a, '2026-01');
		await row(a, '2026-02', 'facebook', { reach: null });
		await row(b, '2026-01');
		await row(b, '2026-01', 'instagram');
		await row(b, '2026-02', 'instagram');
		const upload = await db
			.insertInto('upload')
			.values({
				file_name: 'a.csv',
				sha256: 'x',
				kind: 'metrics',
				uploaded_at: '2026-03-02T08:00:00.000Z'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('upload_metric_change')
			.values({
				upload_id: upload.id,
				jobcenter_id: a,
				channel_id: 'facebook',
				month: '2026-02',
				existed_before: 0,
				exists_after: 1
			})
			.execute();
		const round = { id: 1, from: '2026-01', to: '2026-03', status: 'open' };
		const { months, rows } = await submissions(db, round, [
			{ id: a, code: '00001', name: 'A' },
			{ id: b, code: '00002', name: 'B' }
		]);
		expect(months).toEqual(['2026-01', '2026-02', '2026-03']);
		expect(rows[0].months.map((c) => c.status)).toEqual(['complete', 'partial', 'missing']);
		expect(rows[0].latestUpload).toBe('2026-03-02T08:00:00.000Z');
		expect(rows[0].months[1].latestUpload).toBe('2026-03-02T08:00:00.000Z');
		expect(rows[1].channels).toEqual(['facebook', 'instagram']);
		expect(rows[1].months.map((c) => c.status)).toEqual(['complete', 'partial', 'missing']);
		expect(rows[1].months[1].channels).toEqual({ facebook: 'missing', instagram: 'complete' });
		expect(rows[1].latestUpload).toBeNull();

		const lines = reminderLines(rows, (m) => m, { missing: 'fehlt', partial: 'unvollständig' });
		expect(lines).toEqual([
			'A (00001) – fehlt: 2026-03; unvollständig: 2026-02',
			'B (00002) – fehlt: 2026-03; unvollständig: 2026-02'
		]);
	});
});
