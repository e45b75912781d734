import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { audit } from '$lib/server/auth/audit';
import { authorise } from '$lib/server/auth/authorise';
import { closeRound, reopenRound } from '$lib/server/lifecycle';
import { createRound, getRound, listRounds, roundChoices, updateRound } from '$lib/server/rounds';
import { db } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	authorise(locals, 'read_all');
	const rounds = await listRounds(db());
	const editId = Number(url.searchParams.get('bearbeiten'));
	const savedId = Number(url.searchParams.get('gespeichert'));
	return {
		rounds,
		choices: await roundChoices(db()),
		editing: Number.isInteger(editId) && editId > 0 ? await getRound(db(), editId) : null,
		saved: rounds.find((r) => r.id === savedId)?.name ?? null,
		closed:
			rounds.find((r) => r.id === Number(url.searchParams.get('abgeschlossen')))?.name ?? null,
		reopened: rounds.find((r) => r.id === Number(url.searchParams.get('geoeffnet')))?.name ?? null
	};
};

function readInput(f: FormData) {
	return {
		name: String(f.get('name') ?? ''),
		from: String(f.get('from') ?? ''),
		to: String(f.get('to') ?? ''),
		ring: String(f.get('ring') ?? ''),
		jobcenters: f.getAll('jobcenter').map(String)
	};
}

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read_all');
		const input = readInput(await request.formData());
		const result = await createRound(db(), input, viewer.email);
		if (!result.ok) return fail(400, { values: input, problems: result.problems });
		await audit(db(), viewer, 'round_created', `${result.id}: ${input.name.trim()}`);
		redirect(303, `/rounds?gespeichert=${result.id}`);
	},

	update: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read_all');
		const f = await request.formData();
		const id = Number(f.get('id'));
		const input = readInput(f);
		const result = await updateRound(db(), id, input);
		if (!result.ok) return fail(400, { id, values: input, problems: result.problems });
		await audit(db(), viewer, 'round_updated', `${id}: ${input.name.trim()}`);
		redirect(303, `/rounds?gespeichert=${id}`);
	},

	close: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read_all');
		const id = Number((await request.formData()).get('id'));
		if (!Number.isInteger(id) || id < 1)
			return fail(400, { lifecycle: m.round_unknown({ id: String(id) }) });
		const result = await closeRound(db(), id, viewer);
		if (!result.ok) return fail(400, { lifecycle: result.message });
		redirect(303, `/rounds?abgeschlossen=${id}`);
	},

	reopen: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read_all');
		const id = Number((await request.formData()).get('id'));
		if (!Number.isInteger(id) || id < 1)
			return fail(400, { lifecycle: m.round_unknown({ id: String(id) }) });
		const result = await reopenRound(db(), id, viewer);
		if (!result.ok) return fail(400, { lifecycle: result.message });
		redirect(303, `/rounds?geoeffnet=${id}`);
	}
};
