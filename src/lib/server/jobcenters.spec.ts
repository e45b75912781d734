import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '$lib/register/query';
import { addJobcenter, testDatabase, testRegister } from '$lib/server/db/testing';
import type { DB } from '$lib/server/db';
import { undoUpload } from '$lib/server/ingest/undo';
import {
	listRegister,
	registerEntry,
	saveJobcenter,
	setActive,
	type JobcenterInput
} from './jobcenters';

const ENV = { BENCHLEARN_TODAY: '2026-11-25' };

async function user(db: DB): Promise<number> {
	const { id } = await db
		.insertInto('app_user')
		.values({ email: 'a@example.de', password_hash: 'x', role: 'analyst', jobcenter_id: null })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

const input = (over: Partial<JobcenterInput> = {}): JobcenterInput => ({
	code: '05754',
	name: 'Jobcenter 05754',
	state: 'NW',
	carrier: 'gE',
	elb: '10000',
	ring: 'Ring Nord',
	valid_from: '2026-11',
	...over
});

describe('saveJobcenter', () => {
	it('adds a jobcenter with its first eLb, as an undoable upload', async () => {
		const db = await testDatabase();
		const userId = await user(db);
		const result = await saveJobcenter(db, input({ code: '09999', elb: '12.345' }), {
			adding: true,
			userId,
			env: ENV
		});
		expect(result).toMatchObject({ ok: true, change: 'inserted' });
		const [jc] = (await listRegister(db, NO_FILTER, 1)).rows;
		expect(jc).toMatchObject({ code: '09999', elb: 12345, elb_valid_from: '2026-11', active: 1 });
		if (!result.ok || !('uploadId' in result)) throw new Error('not saved');
		expect(await undoUpload(db, result.uploadId as number)).toMatchObject({ ok: true });
		expect((await listRegister(db, NO_FILTER, 1)).rows).toEqual([]);
	});

	it('refuses a code that exists, also without its leading zero', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const options = { adding: true, userId: await user(db), env: ENV };
		expect(await saveJobcenter(db, input(), options)).toEqual({ ok: false, reason: 'exists' });
		expect(await saveJobcenter(db, input({ code: '5754' }), options)).toEqual({
			ok: false,
			reason: 'exists'
		});
	});

	it('keeps the old eLb for the months before the new one holds', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const userId = await user(db);
		const result = await saveJobcenter(
			db,
			input({ elb: '11000', name: 'Neu', valid_from: '2027-01' }),
			{
				adding: false,
				userId,
				env: ENV
			}
		);
		expect(result).toMatchObject({ ok: true, change: 'updated' });
		const history = await db
			.selectFrom('jobcenter_elb')
			.select(['valid_from', 'elb'])
			.where('jobcenter_id', '=', id)
			.orderBy('valid_from')
			.execute();
		expect(history.at(-1)).toEqual({ valid_from: '2027-01', elb: 11000 });
		expect(history[0].elb).toBe(10000);
		const again = await saveJobcenter(
			db,
			input({ elb: '11000', name: 'Neu', valid_from: '2027-01' }),
			{
				adding: false,
				userId,
				env: ENV
			}
		);
		expect(again).toEqual({ ok: true, change: 'unchanged', uploadId: null });
		expect(await db.selectFrom('upload').select('id').execute()).toHaveLength(1);
	});

	it('reports every problem of the input with the German column names', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const result = await saveJobcenter(
			db,
			input({ name: '', state: 'XX', elb: '0', valid_from: 'bald' }),
			{ adding: false, userId: await user(db), env: ENV }
		);
		expect(result.ok).toBe(false);
		if (result.ok || !('issues' in result)) throw new Error('expected issues');
		expect(result.issues.map((i) => [i.column, i.code])).toEqual([
			['Name', 'missing_value'],
			['Bundesland', 'unknown_state'],
			['eLb', 'not_positive'],
			['gültig ab', 'bad_month']
		]);
	});

	it('does not edit a code that does not exist', async () => {
		const db = await testDatabase();
		const result = await saveJobcenter(db, input(), {
			adding: false,
			userId: await user(db),
			env: ENV
		});
		expect(result).toEqual({ ok: false, reason: 'not_found' });
	});
});

describe('setActive', () => {
	it('deactivates and reactivates by code, and tells an unknown code', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		expect(await setActive(db, '05754', false)).toBe(true);
		expect((await registerEntry(db, '05754'))?.active).toBe(0);
		expect(await setActive(db, '05754', true)).toBe(true);
		expect((await registerEntry(db, '05754'))?.active).toBe(1);
		expect(await setActive(db, '99999', false)).toBe(false);
	});
});

describe("the register page's list", () => {
	it('pages by code, deactivated jobcenters included, with the shared filter', async () => {
		const db = await testRegister();
		const first = await listRegister(db, NO_FILTER, 1);
		expect([first.matching, first.pages, first.rows.length]).toEqual([57, 2, 50]);
		expect(first.rows[0]).toMatchObject({ code: '05001', name: 'Jobcenter Kreis 01', active: 1 });
		expect((await listRegister(db, NO_FILTER, 2)).rows.map((r) => r.code).slice(-2)).toEqual([
			'08435',
			'14626'
		]);
		const gorlitz = await listRegister(db, { ...NO_FILTER, search: 'GÖRLITZ' }, 1);
		expect(gorlitz.rows).toEqual([
			expect.objectContaining({ code: '14626', state: 'SN', active: 0, elb_valid_from: null })
		]);
		const north = await listRegister(db, { ...NO_FILTER, state: 'BY', ring: 'Ring Nord' }, 1);
		expect(north.rows.map((r) => r.code)).toEqual(
			['02', '04', '06', '08', '10', '12', '14', '16', '18', '20'].map((n) => `050${n}`)
		);
	});

	it('finds one jobcenter by its exact code, on whatever page, active or not', async () => {
		const db = await testRegister();
		expect(await registerEntry(db, '14626')).toMatchObject({
			name: 'Jobcenter Görlitz',
			active: 0
		});
		expect(await registerEntry(db, '05055')).toMatchObject({ name: 'Jobcenter Kreis 55' });
		expect(await registerEntry(db, '1462')).toBeNull();
		expect(await registerEntry(db, '')).toBeNull();
	});
});
