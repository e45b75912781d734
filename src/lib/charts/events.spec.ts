import { describe, expect, it } from 'vitest';
import { eventMarks } from './events';

const months = ['2025-01', '2025-02', '2025-03'];
const metaFacebook = {
	id: 1,
	month: '2025-02',
	title: 'Meta: Aufrufe ersetzen Impressionen',
	channel: 'facebook'
};
const metaInstagram = { ...metaFacebook, id: 5, channel: 'instagram' };
const campaign = { id: 2, month: '2025-01', title: 'Azubi-Kampagne', channel: null };
const tiktok = { id: 3, month: '2025-03', title: 'TikTok-Start', channel: 'tiktok' };
const staff = { id: 6, month: '2025-03', title: 'Neue Stelle', channel: null };
const before = { id: 4, month: '2024-12', title: 'Alte Stelle', channel: null };

describe('eventMarks', () => {
	it('marks the events inside the months, numbered in month order, with their x index', () => {
		const marks = eventMarks([metaFacebook, campaign, tiktok, before], months);
		expect(marks.map((m) => [m.number, m.id, m.index])).toEqual([
			[1, 2, 0],
			[2, 1, 1],
			[3, 3, 2]
		]);
	});

	it('keeps a channel event only for a chart of that channel, and an all-channel event always', () => {
		const events = [metaFacebook, campaign, tiktok];
		expect(eventMarks(events, months, ['facebook']).map((m) => m.id)).toEqual([2, 1]);
		expect(eventMarks(events, months, ['youtube']).map((m) => m.id)).toEqual([2]);
	});

	it('makes one mark of one event on several channels, and stacks two events of one month', () => {
		const marks = eventMarks([metaFacebook, metaInstagram, tiktok, staff], months);
		expect(marks.map((m) => [m.number, m.title, m.channels, m.stack])).toEqual([
			[1, 'Meta: Aufrufe ersetzen Impressionen', ['facebook', 'instagram'], 0],
			[2, 'TikTok-Start', ['tiktok'], 0],
			[3, 'Neue Stelle', [], 1]
		]);
	});
});
