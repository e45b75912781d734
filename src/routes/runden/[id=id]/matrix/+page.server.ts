import { authorise } from '$lib/server/auth/authorise';
import { matrixPage } from '$lib/server/report/matrixPage';
import type { PageServerLoad } from './$types';

// Analysts only: a jobcenter user gets 403 for every id, so that no round can be probed here.
export const load: PageServerLoad = ({ locals, params, url }) =>
	matrixPage(authorise(locals, 'read_all'), url, params.id);
