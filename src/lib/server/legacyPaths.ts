/**
 * The English paths and query-parameter names of before December 2026 and the German ones that replaced
 * them, so that bookmarks, printed links and old forms keep working: `hooks.server.ts` answers an old
 * path, or a GET with an old parameter name, with 308 to the new one.
 *
 * Not renamed, on purpose: `/healthz` is a machine endpoint that monitors are configured with, no page
 * a person reads; `/kpi/…` and `/export` read as German words too (Kennzahl, KPI; Export).
 */

/** Old prefix → new prefix; a prefix matches whole path segments only, the first match wins. */
const LEGACY_PREFIXES: readonly (readonly [string, string])[] = [
	['/upload/vorlage/metrics', '/hochladen/vorlage/kennzahlen'],
	['/upload/vorlage/register', '/hochladen/vorlage/verzeichnis'],
	['/upload', '/hochladen'],
	['/uploads', '/lieferungen'],
	['/rounds', '/runden'],
	['/login', '/anmelden'],
	['/logout', '/abmelden'],
	['/admin', '/verwaltung']
];

/** The current path for an old one (the rest of the path kept), or null when the path is not old. */
export function renamedPath(pathname: string): string | null {
	for (const [old, current] of LEGACY_PREFIXES) {
		if (pathname === old || pathname.startsWith(old + '/')) {
			return current + pathname.slice(old.length);
		}
	}
	return null;
}

/**
 * Old query-parameter name → new one: the dashboard's filters (`/`, `/karte`, `/kanaele`, `/kpi/…` and
 * their exports) and the period of `/datenstand`. Only names change; the values are identifiers (KPI,
 * channel and peer-group ids, round numbers, months), which stay English by the rule that code and
 * identifiers are English. Kept on purpose: `jc` (an abbreviation), `format` and `ring` (German words
 * too), `x`/`y` (letters), and `token`, `job` and `redirectTo`, which are technical: no person types or
 * reads them.
 */
const LEGACY_PARAMS: ReadonlyMap<string, string> = new Map([
	['from', 'von'],
	['to', 'bis'],
	['peers', 'vergleich'],
	['channel', 'kanal'],
	['round', 'runde']
]);

const nameOf = (part: string) => part.split('=', 1)[0];

/**
 * The query (`?…`) with every old parameter name replaced by its new one, or null when there is none.
 * An old name is left as it is when the new one is there too, which wins; the order of the parameters
 * and their values, exactly as encoded, are kept.
 */
export function renamedQuery(search: string): string | null {
	const parts = search.replace(/^\?/, '').split('&');
	const names = new Set(parts.map(nameOf));
	let renamed = false;
	const result = parts.map((part) => {
		const name = nameOf(part);
		const current = LEGACY_PARAMS.get(name);
		if (current === undefined || names.has(current)) return part;
		renamed = true;
		return current + part.slice(name.length);
	});
	return renamed ? `?${result.join('&')}` : null;
}

/**
 * Where a request to an old address goes (path and query renamed), or null when it is current. Only a
 * read's query is renamed: a POST's query names no filter. The answer is always a path on this site:
 * leading slashes collapse to one, since `//host` would send the browser to another site.
 */
export function legacyLocation(pathname: string, search: string, read: boolean): string | null {
	const path = renamedPath(pathname);
	const query = read ? renamedQuery(search) : null;
	if (path === null && query === null) return null;
	return (path ?? pathname).replace(/^\/+/, '/') + (query ?? search);
}
