import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import {
	getProfile,
	PROFILE_FORM,
	roundProfiles,
	saveProfile
} from '$lib/server/profiles/profiles';
import { parse } from '$lib/server/params';
import { createRound } from '$lib/server/rounds';
import { DEMO_JOBCENTER_CODE } from './jobcenters';
import { seedDemoProfiles } from './profiles';

/** A round of twenty jobcenters, the demo account's among them. */
async function round() {
	const db = await testDatabase();
	const codes = [DEMO_JOBCENTER_CODE, ...Array.from({ length: 19 }, (_, i) => `0${7001 + i}`)];
	for (const code of codes) await addJobcenter(db, code);
	const created = await createRound(
		db,
		{ name: 'Demo-Runde', from: '2026-01', to: '2026-06', jobcenters: codes },
		'spec'
	);
	if (!created.ok) throw new Error('no round');
	return { db, id: created.id };
}

describe('seedDemoProfiles', () => {
	it('fills most participants, always the demo jobcenter, the same ones every time', async () => {
		const a = await round();
		const b = await round();
		const written = await seedDemoProfiles(a.db, a.id);
		await seedDemoProfiles(b.db, b.id);
		const filled = await roundProfiles(a.db, a.id);
		expect(written).toBe(filled.size);
		expect(filled.size).toBeGreaterThanOrEqual(12);
		expect(filled.size).toBeLessThan(20);
		const demo = await a.db
			.selectFrom('jobcenter')
			.select('id')
			.where('code', '=', DEMO_JOBCENTER_CODE)
			.executeTakeFirstOrThrow();
		expect(filled.get(demo.id)?.goals.length).toBeGreaterThan(0);
		const strip = (m: Map<number, { updatedAt: string }>) =>
			[...m].map(([id, { updatedAt: _, ...rest }]) => [id, rest]);
		expect(strip(await roundProfiles(b.db, b.id))).toEqual(strip(filled));
		// Different texts for different jobcenters, not one profile copied.
		expect(new Set([...filled.values()].map((p) => p.worked + p.teamHours)).size).toBeGreaterThan(
			5
		);
	});

	it('leaves a profile the jobcenter wrote itself alone', async () => {
		const { db, id } = await round();
		const own = await db
			.selectFrom('jobcenter')
			.select('id')
			.where('code', '=', DEMO_JOBCENTER_CODE)
			.executeTakeFirstOrThrow();
		const form = new FormData();
		form.set('worked', 'Unser eigener Text');
		await saveProfile(
			db,
			{ userId: null, email: 'jc@example.test' },
			id,
			own.id,
			parse(form, PROFILE_FORM)
		);
		await seedDemoProfiles(db, id);
		expect((await getProfile(db, id, own.id))?.worked).toBe('Unser eigener Text');
	});
});
