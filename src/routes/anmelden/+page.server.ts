import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { safeRedirect, setLanguageCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { DEMO_ACCOUNTS } from '$lib/server/auth/demo';
import { login } from '$lib/server/auth/login';
import { config, db } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

// Public on purpose: this is where people sign in.
export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.viewer) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return {
		redirectTo: safeRedirect(url.searchParams.get('redirectTo')),
		demoAccounts: config().demo
			? DEMO_ACCOUNTS.map(({ email, password, role }) => ({ email, password, role }))
			: []
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '');
		const password = String(form.get('password') ?? '');
		if (!email.trim() || !password) return fail(400, { email, message: m.login_missing() });
		const result = await login(db(), email, password, getClientAddress());
		if (!result.ok) {
			return result.reason === 'throttled'
				? fail(429, { email, message: m.login_throttled({ minutes: result.waitMinutes }) })
				: fail(400, { email, message: m.login_failed() });
		}
		setSessionCookie(cookies, result.token, url);
		if (result.locale) setLanguageCookie(cookies, result.locale, url);
		redirect(303, safeRedirect(form.get('redirectTo')));
	}
};
