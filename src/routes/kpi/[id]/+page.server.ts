import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { authorise } from '$lib/server/auth/authorise';
import { detail } from '$lib/server/dashboard/detail';
import { resolveView } from '$lib/server/dashboard/view';
import { isKpiId } from '$lib/server/kpi/catalogue';
import { db, kpiSource } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const viewer = authorise(locals, 'read');
	if (!isKpiId(params.id)) error(404, { message: m.kpi_unknown({ id: params.id }) });
	const { self, jobcenter, options, filters, source } = await resolveView(
		db(),
		kpiSource(),
		viewer,
		url.searchParams
	);
	// Analysts first choose a jobcenter on the overview.
	if (!self || !jobcenter) redirect(303, '/');
	if (!filters) return { jobcenter, options, filters, detail: null };
	return { jobcenter, options, filters, detail: await detail(source, viewer, self, filters, params.id) };
};
