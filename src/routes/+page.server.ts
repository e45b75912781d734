import { CHANNELS } from '$lib/channels';
import { addMonths, monthRange } from '$lib/months';
import { authorise, can } from '$lib/server/auth/authorise';
import { currentMonth } from '$lib/server/clock';
import { followersByChannel, latestMonth, listJobcenters } from '$lib/server/db/overview';
import { db } from '$lib/server/startup';
import { toSeries } from '$lib/charts/series';
import type { PageServerLoad } from './$types';

const MONTHS_SHOWN = 24;

export const load: PageServerLoad = async ({ locals }) => {
	const viewer = authorise(locals, 'read');
	const to = await latestMonth(db(), currentMonth());
	// Names and raw totals of all jobcenters are for the association's analysts only.
	const jobcenters = can(viewer, 'read_all') ? await listJobcenters(db()) : [];
	if (!to || jobcenters.length === 0) return { jobcenters, period: null, series: [] };

	const from = addMonths(to, -(MONTHS_SHOWN - 1));
	const months = monthRange(from, to);
	const rows = await followersByChannel(db(), from, to);
	const series = toSeries(rows, months, (r) => r.channel_id, (r) => r.month, (r) => r.followers, [...CHANNELS]);
	return { jobcenters, period: { from, to, months }, series };
};
