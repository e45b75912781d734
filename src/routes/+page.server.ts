import { authorise } from '$lib/server/auth/authorise';
import { overviewPage } from '$lib/server/dashboard/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	overviewPage(authorise(locals, 'read'), url);
