import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { audit } from '$lib/server/auth/audit';
import { authorise } from '$lib/server/auth/authorise';
import { createUser, listUsers, resetPassword, setDisabled, UserError } from '$lib/server/auth/users';
import { db } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	authorise(locals, 'manage');
	const jobcenters = await db().selectFrom('jobcenter').select(['code', 'name']).orderBy('name').execute();
	return { users: await listUsers(db()), jobcenters };
};

/** Runs one user change; a UserError becomes a 400 with its message, next to the form that caused it. */
async function attempt(form: string, change: () => Promise<void>) {
	try {
		await change();
		return { form, ok: true };
	} catch (e) {
		if (e instanceof UserError) return fail(400, { form, message: e.message });
		throw e;
	}
}

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const viewer = authorise(locals, 'manage');
		const f = await request.formData();
		const user = {
			email: String(f.get('email') ?? ''),
			role: String(f.get('role') ?? ''),
			jobcenterCode: String(f.get('jobcenter') ?? '') || null,
			password: String(f.get('password') ?? '')
		};
		return attempt('create', async () => {
			await createUser(db(), user);
			await audit(db(), viewer, 'user_created', `${user.email} as ${user.role} ${user.jobcenterCode ?? ''}`.trim());
		});
	},

	disable: async ({ locals, request }) => {
		const viewer = authorise(locals, 'manage');
		const email = String((await request.formData()).get('email') ?? '');
		if (email === viewer.email) return fail(400, { form: 'disable', message: m.admin_cannot_disable_self() });
		return attempt('disable', async () => {
			await setDisabled(db(), email, true);
			await audit(db(), viewer, 'user_disabled', email);
		});
	},

	enable: async ({ locals, request }) => {
		const viewer = authorise(locals, 'manage');
		const email = String((await request.formData()).get('email') ?? '');
		return attempt('enable', async () => {
			await setDisabled(db(), email, false);
			await audit(db(), viewer, 'user_enabled', email);
		});
	},

	reset: async ({ locals, request }) => {
		const viewer = authorise(locals, 'manage');
		const f = await request.formData();
		const email = String(f.get('email') ?? '');
		return attempt('reset', async () => {
			await resetPassword(db(), email, String(f.get('password') ?? ''));
			await audit(db(), viewer, 'password_reset', email);
		});
	}
};
