import { fail } from '@sveltejs/kit';
import { CHANNEL_IDS, CHANNELS } from '$lib/channels';
import { m } from '$lib/paraglide/messages';
import { audit } from '$lib/server/auth/audit';
import { authorise } from '$lib/server/auth/authorise';
import { countRows, deleteRows, type Selection } from '$lib/server/ingest/delete';
import { currentMonth } from '$lib/server/clock';
import { byCode, listByName } from '$lib/server/db/jobcenters';
import { choice, form, jobcenterCode, list, month, periodProblem, shown } from '$lib/server/params';
import { db } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	authorise(locals, 'read_all');
	const jobcenters = await listByName(db(), ['code', 'name'], { inactive: true });
	return { jobcenters, channels: CHANNELS.map((c) => ({ id: c.id, name: c.name })) };
};

const SELECTION = {
	jobcenter: jobcenterCode(),
	from: month(),
	to: month(),
	channel: list(
		choice(CHANNEL_IDS, (value) => m.filter_bad_channel({ value: shown(value) })),
		CHANNEL_IDS.length
	)
};

/** The selection from the form, or the sentence that says what is missing. */
async function readSelection(data: FormData) {
	const read = form(data, SELECTION);
	if (!read.ok) {
		const text = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v.slice(0, 20) : '');
		const values = {
			code: text(data.get('jobcenter')),
			from: text(data.get('from')),
			to: text(data.get('to')),
			channels: data.getAll('channel').slice(0, CHANNEL_IDS.length).map(text)
		};
		return { values, problem: read.message };
	}
	const { jobcenter, from, to, channel: channels } = read.values;
	const code = jobcenter ?? '';
	const values = { code, from: from ?? '', to: to ?? '', channels };
	const jc = await byCode(db(), code, ['id', 'name']);
	if (!jc) return { values, problem: m.delete_choose_jobcenter() };
	if (!from || !to) return { values, problem: m.filter_bad_period() };
	const period = periodProblem(from, to, currentMonth());
	if (period) return { values, problem: period };
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
