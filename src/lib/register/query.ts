/** The register's filter and paging as the URL carries them: read on the server, written by the forms and the links. */
import type { RegisterFilter, RegisterPage } from '$lib/server/db/register';

/** Names apart from the dashboard's own (`jc`, `von`, `bis`, `vergleich`, `kanal`, `runde`). */
export const PARAMS = { search: 'suche', state: 'land', ring: 'ring', page: 'seite' } as const;

/** The `ring` value for jobcenters without a ring; a real ring of that name takes precedence. */
export const NO_RING = 'ohne';

export const SEARCH_MAX_LENGTH = 100;

/** Pages beyond the last are clamped by the query; beyond this one the number is refused. */
export const PAGE_MAX = 100_000;

/** Where the register starts on the page, so that filtering and paging land on it. */
export const REGISTER_ANCHOR = 'verzeichnis';

export const NO_FILTER: RegisterFilter = { search: '', state: null, ring: undefined };

/** The values a filter may take: the states and rings the register holds. */
export interface RegisterChoices {
	states: string[];
	rings: string[];
	withoutRing: boolean;
}

/** One page of the register as a page shows it, with the filter it is under and what the filter offers. */
export interface RegisterView<Row> extends RegisterPage<Row> {
	filter: RegisterFilter;
	/** All jobcenters of the list's scope, whatever the filter. */
	total: number;
	states: { code: string; name: string }[];
	rings: string[];
	withoutRing: boolean;
}

export function isFiltered(filter: RegisterFilter): boolean {
	return filter.search !== '' || filter.state !== null || filter.ring !== undefined;
}

/** The register's part of a query string; page 1 and empty fields are left out. */
export function registerParams(filter: RegisterFilter, page: number): URLSearchParams {
	const query = new URLSearchParams();
	if (filter.search) query.set(PARAMS.search, filter.search);
	if (filter.state) query.set(PARAMS.state, filter.state);
	if (filter.ring !== undefined) query.set(PARAMS.ring, filter.ring ?? NO_RING);
	if (page > 1) query.set(PARAMS.page, String(page));
	return query;
}

/** The URL of one page of the register under a filter on the page at `path`, anchored at the register. */
export function registerHref(filter: RegisterFilter, page: number, path = '/'): string {
	const query = registerParams(filter, page);
	return `${path}${query.size ? `?${query}` : ''}#${REGISTER_ANCHOR}`;
}

/** The page numbers a pagination shows: the first, the last and the neighbours of the current; `null` marks a gap. */
export function pageItems(page: number, pages: number): (number | null)[] {
	const shown = [1, page - 1, page, page + 1, pages].filter(
		(p, i, all) => p >= 1 && p <= pages && all.indexOf(p) === i
	);
	shown.sort((a, b) => a - b);
	const items: (number | null)[] = [];
	for (const p of shown) {
		const last = items.at(-1);
		// A gap of one page shows that page: „1 2 3“ says more than „1 … 3“ and is no longer.
		if (typeof last === 'number' && p - last === 2) items.push(last + 1);
		else if (typeof last === 'number' && p - last > 2) items.push(null);
		items.push(p);
	}
	return items;
}
