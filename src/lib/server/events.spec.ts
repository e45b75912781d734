import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { addEvent, chartEvents, deleteEvent, listEvents, reportEvents } from './events';

async function setup() {
	const db = await testDatabase();
	const own = await addJobcenter(db, '05754');
	const peer = await addJobcenter(db, '05911');
	const outsider = await addJobcenter(db, '09162');
	const event = (
		jobcenterId: number | null,
		month: string,
		title: string,
		channel: string | null = null
	) => addEvent(db, { jobcenterId, channel, month, kind: 'other', title, note: '' }, 'spec');
	await event(null, '2025-02', 'Meta: Aufrufe ersetzen Impressionen', 'facebook');
	await event(own, '2025-05', 'Eigene Kampagne');
	await event(peer, '2025-06', 'Kampagne des Nachbarn');
	await event(outsider, '2025-07', 'Fremdes Ereignis');
	const jobcenterUser = { role: 'jobcenter' as const, jobcenterId: own };
	const analyst = { role: 'analyst' as const, jobcenterId: null };
	return { db, own, peer, outsider, jobcenterUser, analyst };
}

const titles = (rows: { title: string }[]) => rows.map((r) => r.title);

describe('who sees which events', () => {
	it("a jobcenter user sees the events for everyone and its own, never a peer's, whatever it asks about", async () => {
		const { db, peer, jobcenterUser } = await setup();
		const mine = ['Meta: Aufrufe ersetzen Impressionen', 'Eigene Kampagne'];
		expect(titles(await listEvents(db, jobcenterUser, { about: 'all' }))).toEqual(mine);
		expect(titles(await listEvents(db, jobcenterUser, { about: peer }))).toEqual([mine[0]]);
		expect(titles(await listEvents(db, jobcenterUser, { about: null }))).toEqual([mine[0]]);
	});

	it('an analyst sees every event, or those of the jobcenter it looks at', async () => {
		const { db, peer, analyst } = await setup();
		expect(await listEvents(db, analyst, { about: 'all' })).toHaveLength(4);
		expect(titles(await listEvents(db, analyst, { about: peer }))).toEqual([
			'Meta: Aufrufe ersetzen Impressionen',
			'Kampagne des Nachbarn'
		]);
		expect(titles(await chartEvents(db, analyst, null, '2025-01', '2025-12'))).toEqual([
			'Meta: Aufrufe ersetzen Impressionen'
		]);
	});

	it('keeps to the period', async () => {
		const { db, analyst } = await setup();
		expect(
			titles(await listEvents(db, analyst, { about: 'all', from: '2025-05', to: '2025-06' }))
		).toEqual(['Eigene Kampagne', 'Kampagne des Nachbarn']);
	});

	it("reports: the handout names no jobcenter's own event, the round report only the participants'", async () => {
		const { db, own, peer, analyst } = await setup();
		const round = { from: '2025-01', to: '2025-12' };
		expect(titles(await reportEvents(db, analyst, round, 'handout'))).toEqual([
			'Meta: Aufrufe ersetzen Impressionen'
		]);
		expect(titles(await reportEvents(db, analyst, round, { participants: [own, peer] }))).toEqual([
			'Meta: Aufrufe ersetzen Impressionen',
			'Eigene Kampagne',
			'Kampagne des Nachbarn'
		]);
		const report = await reportEvents(db, analyst, round, { jobcenter: own });
		expect(report.map((e) => e.jobcenterName)).toEqual([null, 'Jobcenter 05754']);
	});

	it('a jobcenter user deletes only its own events; an analyst any', async () => {
		const { db, jobcenterUser, analyst } = await setup();
		const all = await listEvents(db, analyst, { about: 'all' });
		const id = (title: string) => all.find((e) => e.title === title)!.id;
		expect(await deleteEvent(db, jobcenterUser, id('Kampagne des Nachbarn'))).toBe(false);
		expect(await deleteEvent(db, jobcenterUser, id('Meta: Aufrufe ersetzen Impressionen'))).toBe(
			false
		);
		expect(await deleteEvent(db, jobcenterUser, id('Eigene Kampagne'))).toBe(true);
		expect(await deleteEvent(db, analyst, id('Kampagne des Nachbarn'))).toBe(true);
		expect(titles(await listEvents(db, analyst, { about: 'all' }))).toEqual([
			'Meta: Aufrufe ersetzen Impressionen',
			'Fremdes Ereignis'
		]);
	});
});
