import { authorise } from '$lib/server/auth/authorise';
import { dashboardView } from '$lib/server/dashboard/page';
import type { LayoutServerLoad } from './$types';

/** The view every dashboard page shows (jobcenter, period, peer group, channels, round), resolved once; the pages take it with `await parent()`. */
export const load: LayoutServerLoad = ({ locals, url }) =>
	dashboardView(authorise(locals, 'read'), url);
