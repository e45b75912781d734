import { db, config } from '$lib/server/startup';
import type { LayoutServerLoad } from './$types';

// Public on purpose: the frame tells only the viewer's own account, its own jobcenter and whether demo mode is on.
export const load: LayoutServerLoad = async ({ locals, url }) => {
	const viewer = locals.viewer;
	const jobcenter = viewer?.jobcenterId
		? await db().selectFrom('jobcenter').select('name').where('id', '=', viewer.jobcenterId).executeTakeFirst()
		: undefined;
	return {
		demo: config().demo,
		viewer: viewer ? { email: viewer.email, role: viewer.role, jobcenterName: jobcenter?.name ?? null } : null,
		path: url.pathname + url.search
	};
};
