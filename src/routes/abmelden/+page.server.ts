import { redirect } from '@sveltejs/kit';
import { audit } from '$lib/server/auth/audit';
import { authorise } from '$lib/server/auth/authorise';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { deleteSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { db } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	authorise(locals, 'read');
	redirect(303, '/');
};

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		const viewer = authorise(locals, 'read');
		const token = cookies.get(SESSION_COOKIE);
		if (token) await deleteSession(db(), token);
		clearSessionCookie(cookies, url);
		await audit(db(), viewer, 'logout');
		redirect(303, '/anmelden');
	}
};
