import { authorise } from '$lib/server/auth/authorise';
import { detailData, kpiId } from '$lib/server/dashboard/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const viewer = authorise(locals, 'read');
	const id = kpiId(params.id);
	return detailData(await parent(), viewer, id);
};
