import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { audit } from '$lib/server/auth/audit';
import { authorise } from '$lib/server/auth/authorise';
import { setShowNameToRing } from '$lib/server/auth/optIn';
import { changePassword, UserError } from '$lib/server/auth/users';
import { db } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const viewer = authorise(locals, 'read');
	const jobcenter = viewer.jobcenterId
		? await db()
				.selectFrom('jobcenter')
				.select(['name', 'ring', 'show_name_to_ring'])
				.where('id', '=', viewer.jobcenterId)
				.executeTakeFirst()
		: null;
	return { email: viewer.email, role: viewer.role, jobcenter: jobcenter ?? null };
};

export const actions: Actions = {
	password: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read');
		const form = await request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('next') ?? '');
		if (next !== String(form.get('repeat') ?? '')) {
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
		const form = await request.formData();
		await setShowNameToRing(db(), viewer, viewer.jobcenterId, form.get('show') === 'on');
		return { optInSaved: true };
	}
};
