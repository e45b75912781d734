import { authorise } from '$lib/server/auth/authorise';
import { detailPage } from '$lib/server/dashboard/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url, params }) =>
	detailPage(authorise(locals, 'read'), url, params.id);
