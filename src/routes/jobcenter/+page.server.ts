import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { uiLocale } from '$lib/i18n/locale';
import { audit } from '$lib/server/auth/audit';
import { authorise, type Viewer } from '$lib/server/auth/authorise';
import { currentMonth } from '$lib/server/clock';
import { STATE_NAMES } from '$lib/server/ingest/aliases';
import { issueMessage } from '$lib/server/ingest/messages';
import {
	listRegister,
	registerEntry,
	saveJobcenter,
	setActive,
	type JobcenterInput
} from '$lib/server/jobcenters';
import { NO_FILTER, registerParams } from '$lib/register/query';
import { registerChoices } from '$lib/server/db/register';
import { readRegisterQuery, registerView } from '$lib/server/registerView';
import { choice, form, jobcenterCode, query, text } from '$lib/server/params';
import { db } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

/** The register page lists deactivated jobcenters too, so that they can be reactivated. */
const SCOPE = { inactive: true };

export const load: PageServerLoad = async ({ locals, url }) => {
	authorise(locals, 'read_all');
	const register = await registerView(db(), url.searchParams, SCOPE, (filter, page) =>
		listRegister(db(), filter, page)
	);
	const { bearbeiten: editing, gespeichert: saved } = query(url.searchParams, {
		bearbeiten: jobcenterCode(),
		gespeichert: jobcenterCode()
	});
	const savedEntry = saved ? await registerEntry(db(), saved) : null;
	return {
		register,
		editing: editing ? await registerEntry(db(), editing) : null,
		// Only a jobcenter that exists, and whether the list shows it; if not, the message links to it.
		saved: savedEntry && {
			code: savedEntry.code,
			shown: register.rows.some((r) => r.code === savedEntry.code)
		},
		month: currentMonth(),
		states: Object.entries(STATE_NAMES).map(([code, names]) => ({ code, name: names[0] })),
		rings: register.rings
	};
};

/** Generous bounds only; `saveJobcenter` checks each value as the register import does. */
const JOBCENTER_FORM = {
	code: text(100),
	name: text(300),
	state: text(100),
	carrier: text(100),
	elb: text(50),
	ring: text(300),
	valid_from: text(50)
} satisfies Record<keyof JobcenterInput, unknown>;

/**
 * Adds or changes one jobcenter, audits it, and answers with every problem of the input at once.
 * A changed jobcenter returns to the filter and page it was edited from; a new one is shown alone,
 * found by its code, since it may sort onto any page.
 */
async function save(viewer: Viewer, data: FormData, url: URL, adding: boolean) {
	const which = adding ? 'add' : 'edit';
	const read = form(data, JOBCENTER_FORM);
	if (!read.ok) return fail(400, { form: which, messages: [read.message], values: null });
	const input: JobcenterInput = read.values;
	const result = await saveJobcenter(db(), input, { adding, userId: viewer.userId });
	if (!result.ok) {
		const lang = uiLocale();
		const messages =
			'issues' in result
				? result.issues.map((i) => `${i.column}: ${issueMessage(i, lang)}`)
				: [
						result.reason === 'exists'
							? m.register_exists({ code: input.code })
							: m.register_not_found()
					];
		return fail(400, { form: which, messages, values: input });
	}
	if (result.change !== 'unchanged') {
		const detail = `${input.code} ${input.name}, ${input.state}, ${input.carrier}, eLb ${input.elb} ab ${input.valid_from}, Ring ${input.ring || '–'} (Upload ${result.uploadId})`;
		await audit(db(), viewer, adding ? 'jobcenter_created' : 'jobcenter_updated', detail);
	}
	const { filter, page } = adding
		? { filter: { ...NO_FILTER, search: input.code }, page: 1 }
		: readRegisterQuery(url.searchParams, await registerChoices(db(), SCOPE));
	const query = registerParams(filter, page);
	query.set('gespeichert', input.code);
	redirect(303, `/jobcenter?${query}`);
}

export const actions: Actions = {
	add: async ({ locals, request, url }) => {
		const viewer = authorise(locals, 'read_all');
		return save(viewer, await request.formData(), url, true);
	},

	edit: async ({ locals, request, url }) => {
		const viewer = authorise(locals, 'read_all');
		return save(viewer, await request.formData(), url, false);
	},

	setActive: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read_all');
		const read = form(await request.formData(), {
			code: jobcenterCode(),
			active: choice(['0', '1'])
		});
		const code = read.ok ? read.values.code : null;
		const active = read.ok && read.values.active === '1';
		if (code === null || !(await setActive(db(), code, active))) {
			return fail(400, { form: 'active', messages: [m.register_not_found()], values: null });
		}
		await audit(db(), viewer, active ? 'jobcenter_reactivated' : 'jobcenter_deactivated', code);
		return { activeChanged: code, active };
	}
};
