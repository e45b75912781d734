import { redirect } from '@sveltejs/kit';
import { locales } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

// Public on purpose: switching the language must work before anyone signs in.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const form = await request.formData();
		const locale = String(form.get('locale'));
		const target = String(form.get('redirectTo') ?? '/');
		if ((locales as readonly string[]).includes(locale)) {
			cookies.set('PARAGLIDE_LOCALE', locale, {
				path: '/',
				httpOnly: false,
				sameSite: 'lax',
				maxAge: 60 * 60 * 24 * 400
			});
		}
		// Only paths on this site, so that the form cannot be used to send people elsewhere.
		redirect(303, target.startsWith('/') && !target.startsWith('//') ? target : '/');
	}
};
