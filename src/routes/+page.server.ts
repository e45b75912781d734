import { CHANNELS } from '$lib/channels';
import { toSeries } from '$lib/charts/series';
import { addMonths, monthRange } from '$lib/months';
import { authorise, can } from '$lib/server/auth/authorise';
import { currentMonth } from '$lib/server/clock';
import { followersByChannel, latestMonth, listJobcenters } from '$lib/server/db/overview';
import { db } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

const MONTHS_SHOWN = 24;

export const load: PageServerLoad = async ({ locals }) => {
	const viewer = authorise(locals, 'read');
	// Analysts see every jobcenter by name and the totals of all; a jobcenter user only its own figures.
	const all = can(viewer, 'read_all');
	const scope = all ? undefined : (viewer.jobcenterId ?? -1);
	const jobcenters = all ? await listJobcenters(db()) : [];
	const to = await latestMonth(db(), currentMonth(), scope);
	if (!to) return { all, jobcenters, period: null, series: [] };

	const from = addMonths(to, -(MONTHS_SHOWN - 1));
	const months = monthRange(from, to);
	const rows = await followersByChannel(db(), from, to, scope);
	const series = toSeries(rows, months, (r) => r.channel_id, (r) => r.month, (r) => r.followers, [...CHANNELS]);
	return { all, jobcenters, period: { from, to, months }, series };
};
