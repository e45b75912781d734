/** The register as a page lists it: the filter read from the URL, one page of rows and the filter's choices. */
import {
	NO_RING,
	PAGE_MAX,
	PARAMS,
	SEARCH_MAX_LENGTH,
	type RegisterChoices,
	type RegisterView
} from '$lib/register/query';
import type { DB } from '$lib/server/db';
import {
	registerChoices,
	type RegisterFilter,
	type RegisterPage,
	type RegisterScope
} from '$lib/server/db/register';
import { STATE_NAMES } from '$lib/server/ingest/aliases';
import { integer, query, text } from '$lib/server/params';

/** Longer than any Land code or ring name the register holds; only a bound, not the rule. */
const STATE_MAX_LENGTH = 40;
const RING_MAX_LENGTH = 200;

const REGISTER_QUERY = {
	[PARAMS.search]: text(SEARCH_MAX_LENGTH),
	[PARAMS.state]: text(STATE_MAX_LENGTH),
	[PARAMS.ring]: text(RING_MAX_LENGTH),
	[PARAMS.page]: integer(1, PAGE_MAX)
};

/**
 * The filter and page of the URL. A malformed value (a long text, a page that is no number) is a
 * 400; a well-formed Land or ring the register does not hold (an old bookmark) is ignored.
 */
export function readRegisterQuery(params: URLSearchParams, choices: RegisterChoices) {
	const sent = query(params, REGISTER_QUERY);
	const stateText = sent[PARAMS.state];
	const state = choices.states.find((s) => s === stateText) ?? null;
	const ringText = params.has(PARAMS.ring) ? sent[PARAMS.ring] : null;
	const ring =
		ringText !== null && choices.rings.includes(ringText)
			? ringText
			: ringText === NO_RING && choices.withoutRing
				? null
				: undefined;
	// Too large a page is clamped by the query, which knows how many there are.
	const page = sent[PARAMS.page] ?? 1;
	return { filter: { search: sent[PARAMS.search], state, ring } satisfies RegisterFilter, page };
}

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
