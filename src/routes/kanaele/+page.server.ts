import { redirect } from '@sveltejs/kit';
import { authorise } from '$lib/server/auth/authorise';
import { channelView } from '$lib/server/dashboard/channels';
import { resolveView } from '$lib/server/dashboard/view';
import { db, kpiSource } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = authorise(locals, 'read');
	const { self, jobcenter, options, filters, source } = await resolveView(
		db(),
		kpiSource(),
		viewer,
		url.searchParams
	);
	// Analysts first choose a jobcenter on the overview.
	if (!self || !jobcenter) redirect(303, '/');
	if (!filters) return { jobcenter, options, filters, view: null };
	return { jobcenter, options, filters, view: await channelView(source, viewer, self, filters) };
};
