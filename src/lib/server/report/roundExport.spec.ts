import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { KPIS } from '$lib/server/kpi/catalogue';
import { tableSource } from '$lib/server/kpi/source';
import { closeRound } from '$lib/server/lifecycle';
import { createRound } from '$lib/server/rounds';
import { roundContext } from './context';
import { roundExport } from './roundExport';
import { roundReport } from './roundReport';
import { toCsv } from './table';

const SETTINGS = { minPeers: 3, fteHoursPerMonth: 169 };

async function round() {
	const db = await testDatabase();
	const ids: number[] = [];
	for (let i = 1; i <= 5; i++) {
		const id = await addJobcenter(db, `1000${i}`, 'Ring Nord');
		ids.push(id);
		for (const month of ['2026-01', '2026-02']) {
			await db
				.insertInto('monthly_metric')
				.values({
					jobcenter_id: id,
					channel_id: 'facebook',
					month,
					followers: 100 * i,
					posts: 10 + i,
					reactions: 7 * i,
					comments: i,
					shares: 1,
					replies: 1,
					impressions: 1000,
					reach: 500,
					staff_hours: 10 * i
				})
				.execute();
		}
	}
	const created = await createRound(
		db,
		{ name: 'Runde Nord', from: '2026-01', to: '2026-02', ring: 'Ring Nord' },
		'cli'
	);
	if (!created.ok) throw new Error('no round');
	return { db, ids, id: created.id };
}

const NAMES = [1, 2, 3, 4, 5].flatMap((i) => [`1000${i}`, `Jobcenter 1000${i}`]);

describe('the pseudonymised round report and export', () => {
	it('contain no name and no code, for open and for closed rounds', async () => {
		const { db, id } = await round();
		for (const closed of [false, true]) {
			if (closed) await closeRound(db, id, { userId: null, email: 'cli' }, SETTINGS);
			const context = (await roundContext(db, tableSource(db, SETTINGS), id))!;
			const text =
				JSON.stringify(await roundReport(context, true)) +
				toCsv((await roundExport(context, { kind: 'pseudonymised' })).all);
			for (const forbidden of NAMES) expect(text).not.toContain(forbidden);
			expect(text).toContain('Jobcenter A');
			const named = JSON.stringify(await roundReport(context, false));
			for (const name of NAMES) expect(named).toContain(name);
		}
	});

	it("the participants' export holds exactly what the handout shows: its columns and its values", async () => {
		const { db, id } = await round();
		const context = (await roundContext(db, tableSource(db, SETTINGS), id))!;
		const handout = await roundReport(context, true);
		const { all, sheets } = await roundExport(context, { kind: 'pseudonymised' });
		const headers = all.columns.map((c) => c.header);
		expect(headers).toEqual([
			'Jobcenter',
			...handout.kpis.map((k) => `${k.label} (${k.unitLabel})`)
		]);
		// No raw count, in no sheet: the handout leaves them out.
		const everyHeader = sheets.flatMap((s) => s.columns.map((c) => c.header)).join('\n');
		for (const raw of ['Follower (Anzahl)', 'Beiträge (Anzahl)', 'Personalstunden (Std.)'])
			expect(everyHeader).not.toContain(raw);
		expect(all.rows.map((r) => r[0])).toEqual(handout.people.map((p) => p.label));
		all.rows.forEach((row, j) =>
			expect(row.slice(1)).toEqual(handout.kpis.map((k) => k.cells[j].value))
		);
		// No participant reported an answer time: too few values, so none is shown, as in the handout.
		const answer = headers.findIndex((h) => h.startsWith('Antwortzeit'));
		expect(all.rows.map((r) => r[answer])).toEqual([null, null, null, null, null]);
		// The analysts' named export keeps every KPI with every raw figure.
		const named = (await roundExport(context, { kind: 'named' })).all;
		expect(named.columns).toHaveLength(2 + KPIS.length);
		const followers = named.columns.findIndex((c) => c.header === 'Follower (Anzahl)');
		expect(named.rows.map((r) => r[followers])).toEqual([100, 200, 300, 400, 500]);
	});

	it('a jobcenter export has its own values and the peer quartiles, no min or max and no other jobcenter', async () => {
		const { db, ids, id } = await round();
		const context = (await roundContext(db, tableSource(db, SETTINGS), id))!;
		const self = context.participants.find((p) => p.id === ids[0])!;
		const { all, sheets } = await roundExport(context, { kind: 'own', self });
		expect(sheets.map((s) => s.title)).toEqual(['Reichweite', 'Resonanz', 'Personalaufwand']);
		const followers = all.rows.find((r) => r[1] === 'Follower')!;
		// A raw count: own value, but no peer statistics.
		expect(followers.slice(3)).toEqual([100, null, null, null, null, null]);
		const perElb = all.rows.find((r) => r[1] === 'Follower je 1.000 eLb')!;
		expect(perElb.slice(3)).toEqual([10, 5, 20, 30, 40, 1]);
		const text = JSON.stringify(all);
		for (const other of NAMES.slice(2)) expect(text).not.toContain(other);
	});
});
