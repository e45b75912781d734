/** The register the rounds specs share: four active jobcenters in two rings and none, one inactive. */
import { addJobcenter, testDatabase } from '$lib/server/db/testing';

export async function register() {
	const db = await testDatabase();
	const ids = {
		a: await addJobcenter(db, '00001', 'Ring Nord'),
		b: await addJobcenter(db, '00002', 'Ring Nord'),
		c: await addJobcenter(db, '00003', 'Ring Süd'),
		d: await addJobcenter(db, '00004', null),
		gone: await addJobcenter(db, '00005', 'Ring Nord')
	};
	await db.updateTable('jobcenter').set({ active: 0 }).where('id', '=', ids.gone).execute();
	return { db, ids };
}

export const PERIOD = { name: 'Frühjahr 2026', from: '2026-01', to: '2026-06' };
