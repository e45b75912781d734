import { authorise } from '$lib/server/auth/authorise';
import { mapPage } from '$lib/server/dashboard/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => mapPage(authorise(locals, 'read'), url);
