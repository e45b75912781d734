import { describe, expect, it } from 'vitest';
import { outstanding } from './myRounds';
import type { SubmissionRow } from './submissions';

const row = (months: SubmissionRow['months']): SubmissionRow => ({
	...{ id: 1, code: '00001', name: 'Jobcenter 00001', channels: ['facebook', 'x'] },
	...{ months, latestUpload: null }
});

describe('outstanding', () => {
	it('lists the months that are not complete, with the channels missing and incomplete', () => {
		const result = outstanding(
			row([
				{
					month: '2026-05',
					status: 'complete',
					channels: { facebook: 'complete', x: 'complete' },
					latestUpload: null
				},
				{
					month: '2026-06',
					status: 'partial',
					channels: { facebook: 'partial', x: 'missing' },
					latestUpload: null
				},
				{
					month: '2026-07',
					status: 'missing',
					channels: { facebook: 'missing', x: 'missing' },
					latestUpload: null
				}
			])
		);
		expect(result).toEqual([
			{ month: '2026-06', nothing: false, missing: ['x'], partial: ['facebook'] },
			{ month: '2026-07', nothing: true, missing: ['facebook', 'x'], partial: [] }
		]);
	});

	it('is empty when everything is there', () => {
		const done = {
			month: '2026-05',
			status: 'complete' as const,
			channels: { facebook: 'complete' as const },
			latestUpload: null
		};
		expect(outstanding(row([done]))).toEqual([]);
	});
});
