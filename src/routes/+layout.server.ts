import { config } from '$lib/server/startup';
import type { LayoutServerLoad } from './$types';

// Public on purpose: the layout tells only whether demo mode is on and which role is looking.
export const load: LayoutServerLoad = async ({ locals, url }) => {
	return { demo: config().demo, role: locals.viewer?.role ?? null, path: url.pathname + url.search };
};
