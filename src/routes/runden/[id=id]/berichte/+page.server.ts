import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { audit } from '$lib/server/auth/audit';
import { authorise } from '$lib/server/auth/authorise';
import { readConfig } from '$lib/server/config';
import { choice, form, pathId } from '$lib/server/params';
import { batchOf, isRunning, startBatch } from '$lib/server/report/batches';
import { missingTools } from '$lib/server/report/pdf';
import { getRound } from '$lib/server/rounds';
import { db } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

async function roundOf(id: string) {
	const roundId = pathId(id);
	const round = roundId === null ? null : await getRound(db(), roundId);
	if (!round) error(404, { message: m.round_not_found() });
	return round;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	authorise(locals, 'read_all');
	const round = await roundOf(params.id);
	const batch = batchOf(round.id);
	return {
		round: { id: round.id, name: round.name, participants: round.participants.length },
		batch: batch && {
			total: batch.total,
			done: batch.done,
			running: isRunning(batch),
			failed: batch.failure !== null,
			bytes: batch.zip?.bytes ?? null,
			finishedAt: batch.finishedAt === null ? null : new Date(batch.finishedAt).toISOString()
		},
		unavailable: missingTools()
	};
};

/** The only kind of batch so far: every participant's own report. */
const START = { umfang: choice(['jobcenter']) };

export const actions: Actions = {
	start: async ({ locals, params, request }) => {
		const viewer = authorise(locals, 'read_all');
		const sent = form(await request.formData(), START);
		if (!sent.ok || sent.values.umfang === null) return fail(400, { message: m.batch_bad_scope() });
		const round = await roundOf(params.id);
		if (round.participants.length === 0) return fail(400, { message: m.batch_no_participants() });
		const unavailable = missingTools();
		if (unavailable) return fail(503, { message: m.batch_unavailable({ reason: unavailable }) });
		const { started, batch } = await startBatch(readConfig().databasePath, round, viewer.userId);
		if (!started)
			return fail(409, {
				message: m.batch_running_already({ done: batch.done, total: batch.total })
			});
		await audit(db(), viewer, 'round_exported', `${round.id}: pdf, ${batch.total}`);
		redirect(303, `/runden/${round.id}/berichte`);
	}
};
