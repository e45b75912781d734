import { describe, expect, it } from 'vitest';
import type { DB } from '$lib/server/db';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { fixture, run } from './ingest.fixture';

/** A jobcenter registered in January 2026, independent of the real clock. */
async function registered(db: DB, code: string): Promise<number> {
	const id = await addJobcenter(db, code);
	await db
		.updateTable('jobcenter')
		.set({ created_at: '2026-01-15T10:00:00.000Z' })
		.where('id', '=', id)
		.execute();
	return id;
}

describe('importFile with a register', () => {
	it('inserts and updates jobcenters by code and keeps the eLb history', async () => {
		const db = await testDatabase();
		const id = await registered(db, '05754');
		const result = await run(db, fixture('register-german.csv'));
		expect(result).toMatchObject({ kind: 'register', inserted: 1, updated: 1, errors: [] });
		// The file has no valid-from column: a new eLb holds from the current month.
		expect(result.registerChanges).toEqual([
			{
				line: 2,
				code: '05754',
				name: 'Jobcenter 05754',
				diffs: [
					{ field: 'name', before: 'Jobcenter 05754', after: 'Jobcenter Kreis Gütersloh' },
					{ field: 'elb', before: 10000, after: 9800, validFrom: '2026-11' }
				]
			}
		]);
		const jobcenters = await db
			.selectFrom('jobcenter')
			.select(['code', 'name', 'state', 'carrier', 'elb', 'ring'])
			.orderBy('code')
			.execute();
		expect(jobcenters).toEqual([
			{
				code: '05754',
				name: 'Jobcenter Kreis Gütersloh',
				state: 'NW',
				carrier: 'gE',
				elb: 9800,
				ring: 'Ring Nord'
			},
			{
				code: '09999',
				name: 'Jobcenter Neuhausen',
				state: 'BY',
				carrier: 'zkT',
				elb: 12345,
				ring: null
			}
		]);
		const history = await db
			.selectFrom('jobcenter_elb')
			.selectAll()
			.where('jobcenter_id', '=', id)
			.orderBy('valid_from')
			.execute();
		expect(history).toEqual([
			{ jobcenter_id: id, valid_from: '2026-01', elb: 10000 },
			{ jobcenter_id: id, valid_from: '2026-11', elb: 9800 }
		]);
		expect(await run(db, fixture('register-german.csv'))).toMatchObject({
			inserted: 0,
			updated: 0,
			unchanged: 2,
			registerChanges: []
		});
	});

	it('adds an older eLb without changing the latest one', async () => {
		const db = await testDatabase();
		const id = await registered(db, '05754');
		const file =
			'code;name;state;carrier;elb;valid_from\n05754;Jobcenter 05754;NW;gE;9.000;2024-01\n';
		expect(await run(db, file)).toMatchObject({ updated: 1, errors: [] });
		const row = await db
			.selectFrom('jobcenter')
			.select('elb')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.elb).toBe(10000);
	});

	it('reports bad register cells', async () => {
		const db = await testDatabase();
		const file =
			'code,name,state,carrier,elb\n1,,Gallien,ARGE,0\n' +
			`${'9'.repeat(21)},X,NW,gE,1\n1,Y,NW,gE,1\n`;
		const result = await run(db, file);
		expect(result.errors.map((e) => [e.line, e.code])).toEqual([
			[2, 'missing_value'],
			[2, 'unknown_state'],
			[2, 'unknown_carrier'],
			[2, 'not_positive'],
			[3, 'bad_code'],
			[4, 'duplicate_code']
		]);
	});
});
