import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { audit } from '$lib/server/auth/audit';
import { authorise } from '$lib/server/auth/authorise';
import { setShowNameToRing } from '$lib/server/auth/optIn';
import { changePassword, UserError } from '$lib/server/auth/users';
import { byId } from '$lib/server/db/jobcenters';
import { flag, form, secret } from '$lib/server/params';
import { db } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const viewer = authorise(locals, 'read');
	const jobcenter = viewer.jobcenterId
		? await byId(db(), viewer.jobcenterId, ['name', 'ring', 'show_name_to_ring'])
		: null;
	return { email: viewer.email, role: viewer.role, jobcenter: jobcenter ?? null };
};

/** A bound far above any password a person types; hashing a huge one would only be work. */
const PASSWORD_MAX = 1000;

export const actions: Actions = {
	password: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read');
		const read = form(await request.formData(), {
			current: secret(PASSWORD_MAX),
			next: secret(PASSWORD_MAX),
			repeat: secret(PASSWORD_MAX)
		});
		if (!read.ok) return fail(400, { passwordMessage: read.message });
		const { current, next, repeat } = read.values;
		if (next !== repeat) {
			return fail(400, { passwordMessage: m.account_password_mismatch() });
		}
		try {
			await changePassword(db(), viewer.userId, current, next);
		} catch (e) {
			if (e instanceof UserError) return fail(400, { passwordMessage: e.message });
			throw e;
		}
		await audit(db(), viewer, 'password_changed');
		return { passwordChanged: true };
	},

	optIn: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read');
		if (!viewer.jobcenterId) return fail(400, { optInMessage: m.account_opt_in_only_jobcenter() });
		const read = form(await request.formData(), { show: flag() });
		if (!read.ok) return fail(400, { optInMessage: read.message });
		await setShowNameToRing(db(), viewer, viewer.jobcenterId, read.values.show);
		return { optInSaved: true };
	}
};
