import { authorise } from '$lib/server/auth/authorise';
import { channelsData } from '$lib/server/dashboard/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const viewer = authorise(locals, 'read');
	return channelsData(await parent(), viewer);
};
