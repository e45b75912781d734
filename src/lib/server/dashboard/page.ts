/** The frame of every dashboard load: who asks, what the query selects, and the engine's refusals as one kind of 400. */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Viewer } from '$lib/server/auth/authorise';
import { KpiRequestError } from '$lib/server/kpi/engine';
import { db, kpiSource } from '$lib/server/startup';
import { resolveView, type View } from './view';

/**
 * Runs a page's work on the view its query selects, for a viewer the page has authorised. A request the engine cannot answer (a ring the
 * jobcenter has none of, a round it is not in) is the viewer's choice, so it is a 400 that says
 * what to change, here for every dashboard page at once rather than in each.
 */
export async function dashboardLoad<T>(
	viewer: Viewer,
	url: URL,
	work: (view: View, viewer: Viewer) => Promise<T>
): Promise<T> {
	const view = await resolveView(db(), kpiSource(), viewer, url.searchParams);
	try {
		return await work(view, viewer);
	} catch (e) {
		if (e instanceof KpiRequestError) error(400, { message: refusal(e, view) });
		throw e;
	}
}

function refusal(e: KpiRequestError, view: View): string {
	switch (e.problem) {
		case 'no_group':
			if (view.filters?.round) return m.round_not_found();
			return view.filters?.peers === 'goals' ? m.filter_no_goals() : m.filter_no_ring();
		case 'unknown_channel':
			return m.filter_bad_channel({ value: view.filters?.channels.join(', ') ?? '' });
		case 'unknown_jobcenter':
			return m.error_404();
		case 'bad_period':
			return m.filter_bad_period();
	}
}
