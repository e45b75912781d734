import { authorise } from '$lib/server/auth/authorise';
import { mapData } from '$lib/server/dashboard/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const viewer = authorise(locals, 'read');
	return mapData(await parent(), viewer, url);
};
