import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { audit } from '$lib/server/auth/audit';
import { authorise } from '$lib/server/auth/authorise';
import {
	createUser,
	listUsers,
	resetPassword,
	setDisabled,
	UserError
} from '$lib/server/auth/users';
import { listByName } from '$lib/server/db/jobcenters';
import { form, jobcenterCode, secret, text } from '$lib/server/params';
import { db } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	authorise(locals, 'manage');
	const jobcenters = await listByName(db(), ['code', 'name'], { inactive: true });
	return { users: await listUsers(db()), jobcenters };
};

/** The longest e-mail address SMTP allows, and a bound far above any password a person types. */
const EMAIL_MAX = 254;
const PASSWORD_MAX = 1000;

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
		const read = form(await request.formData(), {
			email: text(EMAIL_MAX),
			role: text(20),
			jobcenter: jobcenterCode(),
			password: secret(PASSWORD_MAX)
		});
		if (!read.ok) return fail(400, { form: 'create', message: read.message });
		const { email, role, jobcenter, password } = read.values;
		const user = { email, role, jobcenterCode: jobcenter, password };
		return attempt('create', async () => {
			await createUser(db(), user);
			await audit(
				db(),
				viewer,
				'user_created',
				`${user.email} as ${user.role} ${user.jobcenterCode ?? ''}`.trim()
			);
		});
	},

	disable: async ({ locals, request }) => {
		const viewer = authorise(locals, 'manage');
		const read = form(await request.formData(), { email: text(EMAIL_MAX) });
		if (!read.ok) return fail(400, { form: 'disable', message: read.message });
		const { email } = read.values;
		if (email === viewer.email)
			return fail(400, { form: 'disable', message: m.admin_cannot_disable_self() });
		return attempt('disable', async () => {
			await setDisabled(db(), email, true);
			await audit(db(), viewer, 'user_disabled', email);
		});
	},

	enable: async ({ locals, request }) => {
		const viewer = authorise(locals, 'manage');
		const read = form(await request.formData(), { email: text(EMAIL_MAX) });
		if (!read.ok) return fail(400, { form: 'enable', message: read.message });
		const { email } = read.values;
		return attempt('enable', async () => {
			await setDisabled(db(), email, false);
			await audit(db(), viewer, 'user_enabled', email);
		});
	},

	reset: async ({ locals, request }) => {
		const viewer = authorise(locals, 'manage');
		const read = form(await request.formData(), {
			email: text(EMAIL_MAX),
			password: secret(PASSWORD_MAX)
		});
		if (!read.ok) return fail(400, { form: 'reset', message: read.message });
		const { email, password } = read.values;
		return attempt('reset', async () => {
			await resetPassword(db(), email, password);
			await audit(db(), viewer, 'password_reset', email);
		});
	}
};
