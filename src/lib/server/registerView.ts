/** The register as a page lists it: the filter read from the URL, one page of rows and the filter's choices. */
import { readRegisterQuery, type RegisterView } from '$lib/register/query';
import type { DB } from '$lib/server/db';
import {
	registerChoices,
	type RegisterFilter,
	type RegisterPage,
	type RegisterScope
} from '$lib/server/db/register';
import { STATE_NAMES } from '$lib/server/ingest/aliases';

export async function registerView<Row>(
	db: DB,
	params: URLSearchParams,
	scope: RegisterScope,
	list: (filter: RegisterFilter, page: number) => Promise<RegisterPage<Row>>
): Promise<RegisterView<Row>> {
	const choices = await registerChoices(db, scope);
	const { filter, page } = readRegisterQuery(params, choices);
	return {
		...(await list(filter, page)),
		filter,
		total: choices.total,
		states: choices.states.map((code) => ({ code, name: STATE_NAMES[code][0] })),
		rings: choices.rings,
		withoutRing: choices.withoutRing
	};
}
