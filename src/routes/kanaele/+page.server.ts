import { authorise } from '$lib/server/auth/authorise';
import { channelsPage } from '$lib/server/dashboard/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	channelsPage(authorise(locals, 'read'), url);
