import { fail } from '@sveltejs/kit';
import { CHANNELS } from '$lib/channels';
import { isMonth } from '$lib/months';
import { m } from '$lib/paraglide/messages';
import { audit } from '$lib/server/auth/audit';
import { authorise } from '$lib/server/auth/authorise';
import { countRows, deleteRows, type Selection } from '$lib/server/ingest/delete';
import { db } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	authorise(locals, 'read_all');
	const jobcenters = await db()
		.selectFrom('jobcenter')
		.select(['code', 'name'])
		.orderBy('name')
		.execute();
	return { jobcenters, channels: CHANNELS.map((c) => ({ id: c.id, name: c.name })) };
};

/** The selection from the form, or the sentence that says what is missing. */
async function readSelection(form: FormData) {
	const code = String(form.get('jobcenter') ?? '');
	const from = String(form.get('from') ?? '');
	const to = String(form.get('to') ?? '');
	const channels = form.getAll('channel').map(String);
	const values = { code, from, to, channels };
	const jc = await db()
		.selectFrom('jobcenter')
		.select(['id', 'name'])
		.where('code', '=', code)
		.executeTakeFirst();
	if (!jc) return { values, problem: m.delete_choose_jobcenter() };
	if (!isMonth(from) || !isMonth(to) || from > to)
		return { values, problem: m.filter_bad_period() };
	const selection: Selection = {
		jobcenterId: jc.id,
		from,
		to,
		channels: channels.length ? channels : null
	};
	return { values, selection, name: jc.name };
}

export const actions: Actions = {
	check: async ({ locals, request }) => {
		authorise(locals, 'read_all');
		const { values, selection, problem } = await readSelection(await request.formData());
		if (!selection) return fail(400, { values, message: problem });
		return { values, count: await countRows(db(), selection) };
	},

	delete: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read_all');
		const { values, selection, name, problem } = await readSelection(await request.formData());
		if (!selection) return fail(400, { values, message: problem });
		const channels = values.channels.length ? values.channels.join(', ') : m.delete_all_channels();
		const label = m.delete_label({ code: values.code, from: values.from, to: values.to, channels });
		const { uploadId, deleted } = await deleteRows(db(), selection, viewer.userId, label);
		await audit(
			db(),
			viewer,
			'rows_deleted',
			`${name} (${values.code}), ${values.from}–${values.to}, ${channels}: ${deleted}`
		);
		return { values, deleted, uploadId };
	}
};
