/** The Monatsmeldung: one jobcenter's figures of one month as a form, checked and saved like a file. */
import { fail, redirect } from '@sveltejs/kit';
import { CHANNEL_IDS, CHANNELS } from '$lib/channels';
import { m } from '$lib/paraglide/messages';
import { audit } from '$lib/server/auth/audit';
import { authorise, type Viewer } from '$lib/server/auth/authorise';
import { listByName } from '$lib/server/db/jobcenters';
import { METRICS } from '$lib/server/db/schema';
import { DatabaseBusy } from '$lib/server/ingest/in-worker';
import { logImport } from '$lib/server/log';
import { choice, jobcenterCode, list, month, query, shown } from '$lib/server/params';
import { db } from '$lib/server/startup';
import { checkForm, fileNameOf, mayChooseJobcenter, saveForm, stagedFor } from './check.server';
import type { Checked } from './checked.server';
import {
	channelsOf,
	fieldsOf,
	jobcenterOf,
	lang,
	monthOf,
	readForm,
	storedOf,
	VALUE_MAX,
	type Read
} from './sheet.server';
import type { Actions, PageServerLoad } from './$types';

const WHERE = {
	jc: jobcenterCode(),
	monat: month(),
	kanal: list(
		choice(CHANNEL_IDS, (value) => m.filter_bad_channel({ value: shown(value) })),
		CHANNEL_IDS.length
	)
};

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = authorise(locals, 'read');
	const where = query(url.searchParams, WHERE);
	const jobcenter = await jobcenterOf(viewer, where.jc);
	const { month, months } = monthOf(where.monat);
	const jobcenters = mayChooseJobcenter(viewer) ? await listByName(db(), ['code', 'name']) : [];
	const base = { month, months, jobcenters, mayChoose: mayChooseJobcenter(viewer) };
	if (!jobcenter) return { ...base, jobcenter: null, sheet: null };
	const stored = await storedOf(jobcenter.id, month);
	const channels = channelsOf(stored.used, Object.keys(stored.current), where.kanal);
	const { values, previous } = fieldsOf(stored);
	return {
		...base,
		jobcenter: { code: jobcenter.code, name: jobcenter.name },
		sheet: {
			metrics: [...METRICS],
			channels,
			values,
			previous,
			catalogue: CHANNELS.map((c) => ({ id: c.id, name: c.name }))
		}
	};
};

/** The check, as the action's answer: field errors (400), or the checked form ready to save. */
async function check(viewer: Viewer, read: Exclude<Read, { problem: string }>, note?: string) {
	const { form, jobcenter } = read;
	const echo = { values: form.values, channels: form.channels, note };
	if (read.tooLong.length) {
		const message = m.param_too_long({ max: VALUE_MAX });
		const fieldErrors = Object.fromEntries(read.tooLong.map((f) => [f, [message]]));
		const errors = read.tooLong.map((field) => ({ field, text: message }));
		return fail(400, {
			...echo,
			checked: {
				fieldErrors,
				fieldWarnings: {},
				errors,
				warnings: [],
				changes: [],
				inserted: [],
				updated: 0
			} satisfies Checked
		});
	}
	let outcome;
	try {
		outcome = await checkForm(viewer, jobcenter.id, form, lang());
	} catch (e) {
		if (e instanceof DatabaseBusy) return fail(503, { ...echo, message: m.error_db_busy() });
		throw e;
	}
	if (outcome.kind === 'nothing') return fail(400, { ...echo, message: m.monthly_nothing() });
	if (outcome.kind === 'errors') return fail(400, { ...echo, checked: outcome.checked });
	if (outcome.kind === 'unchanged') return { ...echo, unchanged: true };
	return { ...echo, checked: outcome.checked, token: outcome.token };
}

export const actions: Actions = {
	pruefen: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read');
		const read = await readForm(viewer, await request.formData());
		if ('problem' in read) return fail(400, { message: read.problem });
		return check(viewer, read);
	},

	speichern: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read');
		const read = await readForm(viewer, await request.formData());
		if ('problem' in read) return fail(400, { message: read.problem });
		const staged = read.token ? stagedFor(viewer, read.token, read.form, lang()) : null;
		// Changed after the check, or checked too long ago: check again, and save only after that.
		if (!staged) {
			const again = await check(viewer, read, m.monthly_rechecked());
			return 'status' in again ? again : fail(400, again);
		}
		let result;
		try {
			result = await saveForm(viewer, read.jobcenter.id, staged.token, read.form.month);
		} catch (e) {
			if (e instanceof DatabaseBusy) return fail(503, { message: m.error_db_busy() });
			throw e;
		}
		if (result.uploadId === null) return check(viewer, read, m.monthly_rechecked());
		logImport(result, viewer.userId, 'web');
		await audit(
			db(),
			viewer,
			'upload',
			`Upload ${result.uploadId}: ${fileNameOf(read.form.month)}, ${read.jobcenter.code}, ${result.inserted} neu, ${result.updated} geändert, ${result.unchanged} unverändert`
		);
		redirect(303, `/lieferungen?neu=${result.uploadId}`);
	},

	kanal: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read');
		const data = await request.formData();
		const read = await readForm(viewer, data);
		if ('problem' in read) return fail(400, { message: read.problem });
		const added = data.get('neu');
		if (typeof added !== 'string' || !(CHANNEL_IDS as string[]).includes(added))
			return fail(400, {
				values: read.form.values,
				channels: read.form.channels,
				message: m.monthly_choose_channel()
			});
		const channels = channelsOf(read.form.channels, [added]);
		return { values: read.form.values, channels, added };
	}
};
