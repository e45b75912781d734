/**
 * The English paths of before December 2026 and the German ones that replaced them, so that bookmarks,
 * printed links and old forms keep working: `hooks.server.ts` answers an old path with 308 to the new one.
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
