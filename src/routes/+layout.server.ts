import { can } from '$lib/server/auth/authorise';
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
		// What the navigation shows: each entry names the permission it needs (see navigation.ts).
		may: { read: can(viewer, 'read'), read_all: can(viewer, 'read_all'), manage: can(viewer, 'manage') },
		path: url.pathname + url.search
	};
};
