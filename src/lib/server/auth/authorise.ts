/** The one place that decides who may do what: every load, form action and endpoint asks `authorise()`. */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Role } from '$lib/server/db/schema';

export type { Role };

export interface Viewer {
	userId: number;
	email: string;
	role: Role;
	/** Set for jobcenter users: the one jobcenter they belong to. */
	jobcenterId: number | null;
	locale: string | null;
}

export type Action =
	/** Read pages about one's own jobcenter and anonymous peer statistics. */
	| 'read'
	/** See every jobcenter by name, with raw figures; create rounds; export. */
	| 'read_all'
	/** Manage users, jobcenters and rounds. */
	| 'manage';

const ALLOWED: Record<Action, Role[]> = {
	read: ['admin', 'analyst', 'jobcenter'],
	read_all: ['admin', 'analyst'],
	manage: ['admin']
};

export function can(viewer: Viewer | null | undefined, action: Action): boolean {
	return !!viewer && ALLOWED[action].includes(viewer.role);
}

/** Returns the viewer when the action is allowed; otherwise ends the request with 401 or 403. */
export function authorise(locals: App.Locals, action: Action): Viewer {
	const viewer = locals.viewer;
	if (!viewer) error(401, { message: m.error_401() });
	if (!can(viewer, action)) error(403, { message: m.error_403() });
	return viewer;
}
