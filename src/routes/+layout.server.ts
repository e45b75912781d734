import { can } from '$lib/server/auth/authorise';
import { db, config } from '$lib/server/startup';
import { nameOf } from '$lib/server/db/jobcenters';
import type { LayoutServerLoad } from './$types';

// Public on purpose: the frame tells only the viewer's own account, its own jobcenter and whether demo mode is on.
export const load: LayoutServerLoad = async ({ locals, url }) => {
	const viewer = locals.viewer;
	const jobcenterName = viewer?.jobcenterId ? await nameOf(db(), viewer.jobcenterId) : null;
	return {
		demo: config().demo,
		viewer: viewer ? { email: viewer.email, role: viewer.role, jobcenterName } : null,
		// What the navigation shows: each entry names the permission it needs (see navigation.ts).
		may: {
			read: can(viewer, 'read'),
			read_all: can(viewer, 'read_all'),
			manage: can(viewer, 'manage')
		},
		path: url.pathname + url.search
	};
};
