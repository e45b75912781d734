/** `[id=id]`: a path segment that is a record id. Any other segment matches no route, so it is a 404 before a load runs. */
import type { ParamMatcher } from '@sveltejs/kit';
import { idOf } from '$lib/ids';

export const match = ((param: string): param is string =>
	idOf(param) !== null) satisfies ParamMatcher;
