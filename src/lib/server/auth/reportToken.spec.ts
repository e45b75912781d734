import { describe, expect, it } from 'vitest';
import { testDatabase } from '$lib/server/db/testing';
import { createRound } from '$lib/server/rounds';
import { addJobcenter } from '$lib/server/db/testing';
import { createReportToken, redeemReportToken } from './reportToken';

async function setUp() {
	const db = await testDatabase();
	await addJobcenter(db, '00001');
	const round = await createRound(
		db,
		{ name: 'R', from: '2026-01', to: '2026-02', jobcenters: ['00001'] },
		'cli'
	);
	if (!round.ok) throw new Error();
	return { db, id: round.id };
}

describe('report tokens', () => {
	it('open the round report once', async () => {
		const { db, id } = await setUp();
		const token = await createReportToken(db, id);
		const url = new URL(`http://x/runden/${id}/bericht?jc=00001&einmal=${token}`);
		expect(await redeemReportToken(db, url)).toMatchObject({ role: 'analyst' });
		expect(await redeemReportToken(db, url)).toBeNull();
	});

	it('open nothing else: another round, another page, after their minute', async () => {
		const { db, id } = await setUp();
		const other = await createReportToken(db, id);
		expect(
			await redeemReportToken(db, new URL(`http://x/runden/${id + 1}/bericht?einmal=${other}`))
		).toBeNull();
		const page = await createReportToken(db, id);
		expect(await redeemReportToken(db, new URL(`http://x/runden/${id}?einmal=${page}`))).toBeNull();
		const old = await createReportToken(db, id, 60_000, Date.now() - 120_000);
		expect(
			await redeemReportToken(db, new URL(`http://x/runden/${id}/bericht?einmal=${old}`))
		).toBeNull();
		expect(
			await redeemReportToken(db, new URL(`http://x/runden/${id}/bericht?einmal=falsch`))
		).toBeNull();
	});
});
