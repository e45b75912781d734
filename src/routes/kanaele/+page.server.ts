import { redirect } from '@sveltejs/kit';
import { channelView } from '$lib/server/dashboard/channels';
import { authorise } from '$lib/server/auth/authorise';
import { dashboardLoad } from '$lib/server/dashboard/page';
import { chartEvents } from '$lib/server/events';
import { db } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	dashboardLoad(
		authorise(locals, 'read'),
		url,
		async ({ self, jobcenter, options, filters, source }, viewer) => {
			// Analysts first choose a jobcenter on the overview.
			if (!self || !jobcenter) redirect(303, '/');
			if (!filters) return { jobcenter, options, filters, view: null, events: [] };
			return {
				jobcenter,
				options,
				filters,
				view: await channelView(source, viewer, self, filters),
				events: await chartEvents(db(), viewer, self.id, filters.from, filters.to)
			};
		}
	);
