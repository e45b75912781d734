import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { authorise, can } from '$lib/server/auth/authorise';
import { dashboardLoad } from '$lib/server/dashboard/page';
import { kpiRequest } from '$lib/server/dashboard/view';
import { kpi, type KpiId } from '$lib/server/kpi/catalogue';
import { pairs } from '$lib/server/kpi/engine';
import { choice, query } from '$lib/server/params';
import type { PageServerLoad } from './$types';

/** Effort on x, impact on y; raw counts only for analysts, since jobcenter users see peers only normalised. */
const EFFORT: KpiId[] = ['fte_per_10000_elb', 'hours_per_post'];
const IMPACT: KpiId[] = [
	'reach_per_1000_elb',
	'engagement_rate_pct',
	'interactions_per_post',
	'interactions_per_staff_hour'
];
const ANALYST_EFFORT: KpiId[] = ['staff_hours'];
const ANALYST_IMPACT: KpiId[] = ['interactions'];

export const load: PageServerLoad = ({ locals, url }) =>
	dashboardLoad(
		authorise(locals, 'read'),
		url,
		async ({ self, jobcenter, options, filters, source }, viewer) => {
			if (!self || !jobcenter) redirect(303, '/');
			const analyst = can(viewer, 'read_all');
			const xs = analyst ? [...EFFORT, ...ANALYST_EFFORT] : EFFORT;
			const ys = analyst ? [...IMPACT, ...ANALYST_IMPACT] : IMPACT;
			const chosen = query(url.searchParams, {
				x: choice(xs, () => m.map_bad_axis()),
				y: choice(ys, () => m.map_bad_axis())
			});
			const x = chosen.x ?? xs[0];
			const y = chosen.y ?? ys[0];

			const locale = getLocale() === 'en' ? 'en' : 'de';
			const label = (id: KpiId) => ({ id, label: kpi(id).label[locale], unit: kpi(id).unit });
			const axes = { x: label(x), y: label(y), xs: xs.map(label), ys: ys.map(label) };
			if (!filters) return { jobcenter, options, filters, axes, map: null };
			const map = await pairs(source, kpiRequest(self, filters), x, y);
			return { jobcenter, options, filters, axes, map };
		}
	);
