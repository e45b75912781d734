import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { authorise } from '$lib/server/auth/authorise';
import { detail } from '$lib/server/dashboard/detail';
import { dashboardLoad } from '$lib/server/dashboard/page';
import { isKpiId } from '$lib/server/kpi/catalogue';
import { chartEvents } from '$lib/server/events';
import { shown } from '$lib/server/params';
import { db } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const viewer = authorise(locals, 'read');
	const id = params.id;
	if (!isKpiId(id)) error(404, { message: m.kpi_unknown({ id: shown(id) }) });
	return dashboardLoad(
		viewer,
		url,
		async ({ self, jobcenter, options, filters, source }, viewer) => {
			// Analysts first choose a jobcenter on the overview.
			if (!self || !jobcenter) redirect(303, '/');
			if (!filters) return { jobcenter, options, filters, detail: null, events: [] };
			return {
				jobcenter,
				options,
				filters,
				detail: await detail(source, viewer, self, filters, id),
				events: await chartEvents(db(), viewer, self.id, filters.from, filters.to)
			};
		}
	);
};
