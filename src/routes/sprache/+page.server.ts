import { redirect } from '@sveltejs/kit';
import { locales } from '$lib/paraglide/runtime';
import { safeRedirect, setLanguageCookie } from '$lib/server/auth/cookies';
import { db } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

// Public on purpose: the language must be switchable before signing in.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies, locals, url }) => {
		const form = await request.formData();
		const locale = String(form.get('locale'));
		if ((locales as readonly string[]).includes(locale)) {
			setLanguageCookie(cookies, locale, url);
			// Remembered per user, so that the choice follows them to another browser.
			if (locals.viewer) {
				await db()
					.updateTable('app_user')
					.set({ locale })
					.where('id', '=', locals.viewer.userId)
					.execute();
			}
		}
		redirect(303, safeRedirect(form.get('redirectTo')));
	}
};
