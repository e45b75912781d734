import { describe, expect, it } from 'vitest';
import { eventMarks } from './events';

const months = ['2025-01', '2025-02', '2025-03'];
const meta = {
	id: 1,
	month: '2025-02',
	title: 'Meta: Aufrufe ersetzen Impressionen',
	channel: 'facebook'
};
const campaign = { id: 2, month: '2025-01', title: 'Azubi-Kampagne', channel: null };
const tiktok = { id: 3, month: '2025-03', title: 'TikTok-Start', channel: 'tiktok' };
const before = { id: 4, month: '2024-12', title: 'Neue Stelle', channel: null };

describe('eventMarks', () => {
	it('marks the events inside the months, numbered in month order, with their x index', () => {
		const marks = eventMarks([meta, campaign, tiktok, before], months);
		expect(marks.map((m) => [m.number, m.id, m.index])).toEqual([
			[1, 2, 0],
			[2, 1, 1],
			[3, 3, 2]
		]);
	});

	it('keeps a channel event only for a chart of that channel, and an all-channel event always', () => {
		expect(eventMarks([meta, campaign, tiktok], months, ['facebook']).map((m) => m.id)).toEqual([
			2, 1
		]);
		expect(eventMarks([meta, campaign, tiktok], months, ['youtube']).map((m) => m.id)).toEqual([2]);
	});
});
