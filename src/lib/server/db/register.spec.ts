import { describe, expect, it } from 'vitest';
import {
	registerChoices,
	registerPage,
	type MatchingJobcenters,
	type RegisterFilter
} from './register';
import { addJobcenter, testDatabase, testRegister } from './testing';

const ALL: RegisterFilter = { search: '', state: null, ring: undefined };

describe('what the register filter offers', () => {
	it('offers the states and rings of the active jobcenters, or of all', async () => {
		const db = await testRegister();
		expect(await registerChoices(db)).toEqual({
			total: 56,
			states: ['BW', 'BY', 'NW'],
			rings: ['Ring Nord', 'Ring Süd'],
			withoutRing: true
		});
		// The deactivated Görlitz brings Saxony.
		expect(await registerChoices(db, { inactive: true })).toEqual({
			total: 57,
			states: ['BW', 'BY', 'NW', 'SN'],
			rings: ['Ring Nord', 'Ring Süd'],
			withoutRing: true
		});
	});

	it('offers a ring and „without ring“ only where a jobcenter of the scope has them', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '00001', 'Ring A');
		await addJobcenter(db, '00002', 'Ring B');
		await addJobcenter(db, '00003', null);
		await db.updateTable('jobcenter').set({ active: 0 }).where('code', '!=', '00001').execute();
		expect(await registerChoices(db)).toEqual({
			total: 1,
			states: ['NW'],
			rings: ['Ring A'],
			withoutRing: false
		});
		expect(await registerChoices(db, { inactive: true })).toMatchObject({
			total: 3,
			rings: ['Ring A', 'Ring B'],
			withoutRing: true
		});
	});
});

describe('a page of the register', () => {
	const codes = async (query: MatchingJobcenters) =>
		(await query.select('j.code').execute()).map((r) => r.code);

	it('orders by code, counts the deactivated when asked, and clamps the page', async () => {
		const db = await testRegister();
		const byCode = (filter: RegisterFilter, page: number) =>
			registerPage(db, filter, page, { inactive: true, orderBy: 'code' }, codes);
		const second = await byCode(ALL, 2);
		expect(second).toEqual({
			rows: ['05051', '05052', '05053', '05054', '05055', '08435', '14626'],
			matching: 57,
			page: 2,
			pages: 2,
			offset: 50
		});
		expect(await byCode(ALL, 99)).toEqual(second);
		const first = await byCode(ALL, 0);
		expect([first.page, first.offset, first.rows.length]).toEqual([1, 0, 50]);
		expect([first.rows[0], first.rows[49]]).toEqual(['05001', '05050']);
		expect((await byCode({ ...ALL, search: 'görlitz' }, 1)).rows).toEqual(['14626']);
		expect((await byCode({ ...ALL, state: 'SN', ring: null }, 1)).rows).toEqual(['14626']);
	});

	it('leaves the deactivated out unless asked', async () => {
		const db = await testRegister();
		const active = await registerPage(db, { ...ALL, state: 'SN' }, 1, { orderBy: 'code' }, codes);
		expect(active).toEqual({ rows: [], matching: 0, page: 1, pages: 1, offset: 0 });
	});
});
