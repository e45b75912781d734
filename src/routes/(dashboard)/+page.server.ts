import { authorise } from '$lib/server/auth/authorise';
import { overviewData } from '$lib/server/dashboard/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const viewer = authorise(locals, 'read');
	return overviewData(await parent(), viewer, url);
};
