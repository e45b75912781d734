/** The frame of every dashboard load: the view a query selects, resolved once, and the engine's refusals as one kind of 400. */
import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Viewer } from '$lib/server/auth/authorise';
import { KpiRequestError } from '$lib/server/kpi/engine';
import { db } from '$lib/server/startup';
import { nextTurn } from '$lib/server/turn';
import { resolveView, viewSource, type Filters, type View } from './view';

/**
 * The view of a dashboard request. The `(dashboard)` layout resolves it once for its pages, which
 * take it with `await parent()`; an export, which has no parent, resolves it here the same way.
 */
export const dashboardView = (viewer: Viewer, url: URL): Promise<View> =>
	refusing(null, () => resolveView(db(), viewer, url.searchParams));

/** A page about one jobcenter, with where its figures come from: analysts who have chosen none pick one on the overview first. */
export async function chosen(view: View) {
	if (!view.self || !view.jobcenter) redirect(303, '/');
	return { jobcenter: view.jobcenter, ...(await viewSource(db(), view.self, view.filters)) };
}

/**
 * Runs a page's work on its view. A request the engine cannot answer (a ring the jobcenter has
 * none of, a round it is not in) is the viewer's choice, so it is a 400 that says what to change:
 * here, for every dashboard page and export at once, so that no filter combination is a 500.
 */
export async function refusing<T>(filters: Filters | null, work: () => Promise<T>): Promise<T> {
	try {
		const result = await work();
		// Computed; the page is rendered in the next turn, so that the two are not one long block.
		await nextTurn();
		return result;
	} catch (e) {
		if (e instanceof KpiRequestError) error(400, { message: refusal(e, filters) });
		throw e;
	}
}

function refusal(e: KpiRequestError, filters: Filters | null): string {
	switch (e.problem) {
		case 'no_group':
			if (filters?.round) return m.round_not_found();
			return filters?.peers === 'goals' ? m.filter_no_goals() : m.filter_no_ring();
		case 'unknown_channel':
			return m.filter_bad_channel({ value: filters?.channels.join(', ') ?? '' });
		case 'unknown_jobcenter':
			return m.error_404();
		case 'bad_period':
			return m.filter_bad_period();
	}
}
