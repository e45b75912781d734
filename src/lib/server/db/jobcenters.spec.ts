import { describe, expect, it } from 'vitest';
import {
	activeIdsOfRing,
	byCode,
	byCodes,
	byId,
	byIds,
	hasJobcenters,
	listByCode,
	listByName,
	listCodes,
	nameOf,
	REFERENCE
} from './jobcenters';
import { addJobcenter, testDatabase } from './testing';

/** Three jobcenters whose names sort otherwise than their codes; Bonn is deactivated. */
async function register() {
	const db = await testDatabase();
	const [zwickau, aachen, bonn] = [
		await addJobcenter(db, '03001', 'Ring Ost'),
		await addJobcenter(db, '05002', 'Ring West'),
		await addJobcenter(db, '05003', 'Ring West')
	];
	await db
		.updateTable('jobcenter')
		.set({ name: 'Jobcenter Zwickau' })
		.where('id', '=', zwickau)
		.execute();
	await db
		.updateTable('jobcenter')
		.set({ name: 'Jobcenter Aachen' })
		.where('id', '=', aachen)
		.execute();
	await db
		.updateTable('jobcenter')
		.set({ name: 'Jobcenter Bonn', active: 0 })
		.where('id', '=', bonn)
		.execute();
	return { db, zwickau, aachen, bonn };
}

describe('one jobcenter', () => {
	it('finds it by id or exact code with just the columns asked for, active or not', async () => {
		const { db, bonn } = await register();
		expect(await byId(db, bonn, REFERENCE)).toEqual({
			id: bonn,
			code: '05003',
			name: 'Jobcenter Bonn'
		});
		expect(await byCode(db, '05003', ['id', 'ring'])).toEqual({ id: bonn, ring: 'Ring West' });
		expect(await nameOf(db, bonn)).toBe('Jobcenter Bonn');
	});

	it('gives nothing for an unknown id or a code that only nearly matches', async () => {
		const { db } = await register();
		expect(await byId(db, 9999, REFERENCE)).toBeUndefined();
		expect(await byCode(db, '5003', ['id'])).toBeUndefined();
		expect(await byCode(db, '05003 ', ['id'])).toBeUndefined();
		expect(await nameOf(db, 9999)).toBeNull();
	});
});

describe('several jobcenters', () => {
	it('finds the known ones among ids and codes, and nothing for an empty list', async () => {
		const { db, zwickau, bonn } = await register();
		const ids = (await byIds(db, [bonn, 9999, zwickau], ['id'])).map((j) => j.id);
		expect(ids.sort()).toEqual([zwickau, bonn].sort());
		expect(await byIds(db, [], ['id'])).toEqual([]);
		const codes = (await byCodes(db, ['03001', '99999'])).map((j) => j.code);
		expect(codes).toEqual(['03001']);
		expect(await byCodes(db, [])).toEqual([]);
	});

	it('lists pickers by name, the deactivated ones only when asked', async () => {
		const { db } = await register();
		const names = async (scope?: Parameters<typeof listByName>[2]) =>
			(await listByName(db, ['name'], scope)).map((j) => j.name);
		expect(await names()).toEqual(['Jobcenter Aachen', 'Jobcenter Zwickau']);
		expect(await names({ inactive: true })).toEqual([
			'Jobcenter Aachen',
			'Jobcenter Bonn',
			'Jobcenter Zwickau'
		]);
		expect(await names({ ring: 'Ring West' })).toEqual(['Jobcenter Aachen']);
	});

	it('limits a list to given ids, and an empty id list to nobody', async () => {
		const { db, zwickau } = await register();
		expect(await listByName(db, ['id'], { ids: [zwickau] })).toEqual([{ id: zwickau }]);
		expect(await listByName(db, ['id'], { ids: [] })).toEqual([]);
	});

	it('lists exports by code, all or one', async () => {
		const { db } = await register();
		expect((await listByCode(db, ['code'])).map((j) => j.code)).toEqual([
			'03001',
			'05002',
			'05003'
		]);
		expect(await listByCode(db, ['code', 'active'], '05003')).toEqual([
			{ code: '05003', active: 0 }
		]);
	});

	it('gives the codes a file is checked against, of all or of one jobcenter', async () => {
		const { db, aachen, bonn } = await register();
		expect((await listCodes(db)).map((j) => j.code).sort()).toEqual(['03001', '05002', '05003']);
		expect(await listCodes(db, bonn)).toEqual([{ id: bonn, code: '05003' }]);
		expect(await activeIdsOfRing(db, 'Ring West')).toEqual([aachen]);
		expect(await activeIdsOfRing(db, 'Ring Süd')).toEqual([]);
	});

	it('knows whether the register is empty', async () => {
		const db = await testDatabase();
		expect(await hasJobcenters(db)).toBe(false);
		await addJobcenter(db, '03001');
		expect(await hasJobcenters(db)).toBe(true);
	});
});
