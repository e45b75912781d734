import { redirect } from '@sveltejs/kit';
import { channelView } from '$lib/server/dashboard/channels';
import { authorise } from '$lib/server/auth/authorise';
import { dashboardLoad } from '$lib/server/dashboard/page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	dashboardLoad(
		authorise(locals, 'read'),
		url,
		async ({ self, jobcenter, options, filters, source }, viewer) => {
			// Analysts first choose a jobcenter on the overview.
			if (!self || !jobcenter) redirect(303, '/');
			if (!filters) return { jobcenter, options, filters, view: null };
			return {
				jobcenter,
				options,
				filters,
				view: await channelView(source, viewer, self, filters)
			};
		}
	);
