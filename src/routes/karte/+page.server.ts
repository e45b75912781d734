import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { authorise, can } from '$lib/server/auth/authorise';
import { kpiRequest, resolveView } from '$lib/server/dashboard/view';
import { kpi, type KpiId } from '$lib/server/kpi/catalogue';
import { pairs } from '$lib/server/kpi/engine';
import { db, kpiSource } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

/** Effort on x, impact on y; raw counts only for analysts, since jobcenter users see peers only normalised. */
const EFFORT: KpiId[] = ['fte_per_10000_elb', 'hours_per_post'];
const IMPACT: KpiId[] = ['reach_per_1000_elb', 'engagement_rate_pct', 'interactions_per_post', 'interactions_per_staff_hour'];
const ANALYST_EFFORT: KpiId[] = ['staff_hours'];
const ANALYST_IMPACT: KpiId[] = ['interactions'];

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = authorise(locals, 'read');
	const { self, jobcenter, options, filters, source } = await resolveView(
		db(),
		kpiSource(),
		viewer,
		url.searchParams
	);
	if (!self || !jobcenter) redirect(303, '/');
	const analyst = can(viewer, 'read_all');
	const xs = analyst ? [...EFFORT, ...ANALYST_EFFORT] : EFFORT;
	const ys = analyst ? [...IMPACT, ...ANALYST_IMPACT] : IMPACT;
	const x = (url.searchParams.get('x') ?? xs[0]) as KpiId;
	const y = (url.searchParams.get('y') ?? ys[0]) as KpiId;
	if (!xs.includes(x) || !ys.includes(y)) error(400, { message: m.map_bad_axis() });

	const locale = getLocale() === 'en' ? 'en' : 'de';
	const axis = (id: KpiId) => ({ id, label: kpi(id).label[locale], unit: kpi(id).unit });
	const axes = { x: axis(x), y: axis(y), xs: xs.map(axis), ys: ys.map(axis) };
	if (!filters) return { jobcenter, options, filters, axes, map: null };
	const map = await pairs(source, kpiRequest(self, filters), x, y);
	return { jobcenter, options, filters, axes, map };
};
