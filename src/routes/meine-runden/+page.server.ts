import { redirect } from '@sveltejs/kit';
import { authorise, can } from '$lib/server/auth/authorise';
import { byId, REFERENCE } from '$lib/server/db/jobcenters';
import { myRounds } from '$lib/server/report/myRounds';
import { db, kpiSource } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const viewer = authorise(locals, 'read');
	// Analysts take part in no round themselves; their list of all rounds is /runden.
	if (can(viewer, 'read_all') || viewer.jobcenterId === null) redirect(303, '/runden');
	const self = await byId(db(), viewer.jobcenterId, REFERENCE);
	if (!self)
		throw new Error(`The viewer's jobcenter ${viewer.jobcenterId} is not in the register.`);
	return { jobcenter: self, rounds: await myRounds(db(), kpiSource(), self) };
};
