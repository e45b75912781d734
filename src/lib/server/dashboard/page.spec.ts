import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { KpiRequestError, type KpiRequestProblem } from '$lib/server/kpi/engine';
import { refusing } from './page';
import type { Filters } from './view';

const filters = (over: Partial<Filters> = {}): Filters => ({
	from: '2026-01',
	to: '2026-06',
	peers: 'ring',
	channels: [],
	round: null,
	...over
});

/** The status and sentence a page's work is answered with when the engine refuses it. */
async function answer(problem: KpiRequestProblem, f: Filters | null) {
	try {
		await refusing(f, async () => {
			throw new KpiRequestError(problem, 'the engine says no');
		});
		return null;
	} catch (e) {
		if (!isHttpError(e)) throw e;
		return { status: e.status, message: e.body.message };
	}
}

describe('the engine refusing a dashboard request', () => {
	it('is a 400 that says what to change, for every problem the engine names', async () => {
		expect(await answer('no_group', filters())).toEqual({
			status: 400,
			message:
				'Dieses Jobcenter gehört zu keinem Vergleichsring. Bitte wählen Sie eine andere Vergleichsgruppe.'
		});
		expect((await answer('no_group', filters({ peers: 'goals' })))?.message).not.toBe(
			(await answer('no_group', filters()))?.message
		);
		const round = { id: 3, name: 'Runde', status: 'offen', members: [1] };
		expect((await answer('no_group', filters({ round })))?.message).toMatch(
			/Diese Benchlearning-Runde gibt es nicht/
		);
		expect(await answer('unknown_channel', filters({ channels: ['x', 'tiktok'] }))).toEqual({
			status: 400,
			message: expect.stringContaining('x, tiktok')
		});
		for (const problem of ['unknown_jobcenter', 'bad_period'] as const)
			expect((await answer(problem, null))?.status, problem).toBe(400);
		// Before the filters are resolved (in the layout's own resolve) the sentence still is one.
		expect((await answer('no_group', null))?.message).toBe(
			'Dieses Jobcenter gehört zu keinem Vergleichsring. Bitte wählen Sie eine andere Vergleichsgruppe.'
		);
	});

	it('passes the work through when it succeeds, and any other failure unchanged', async () => {
		expect(await refusing(filters(), async () => 42)).toBe(42);
		const bug = new TypeError('a bug stays a bug');
		await expect(
			refusing(filters(), async () => {
				throw bug;
			})
		).rejects.toBe(bug);
	});
});
