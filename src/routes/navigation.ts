/** The main navigation: its entries in groups, each shown to whoever holds the permission it needs. */
import { m } from '$lib/paraglide/messages';

/** The actions of `auth/authorise.ts`; the layout's load says which of them the viewer may do. */
export type Permission = 'read' | 'read_all' | 'manage';
export type May = Record<Permission, boolean>;

export interface NavLink {
	href: string;
	label: () => string;
	needs: Permission;
	/** Left out for viewers who may this too: its page sends them elsewhere (`/meine-runden` → `/runden`). */
	notFor?: Permission;
}
export interface NavGroup {
	label: () => string;
	links: NavLink[];
}

const NAVIGATION: (NavLink | NavGroup)[] = [
	{ href: '/', label: m.nav_overview, needs: 'read' },
	{ href: '/karte', label: m.nav_map, needs: 'read' },
	{ href: '/kanaele', label: m.nav_channels, needs: 'read' },
	{ href: '/meine-runden', label: m.nav_my_rounds, needs: 'read', notFor: 'read_all' },
	{
		label: m.nav_rounds,
		links: [
			{ href: '/runden', label: m.nav_rounds_all, needs: 'read_all' },
			{ href: '/datenstand', label: m.nav_data_status, needs: 'read_all' }
		]
	},
	{
		label: m.nav_group_data,
		links: [
			{ href: '/hochladen', label: m.nav_upload, needs: 'read' },
			{ href: '/monatsmeldung', label: m.nav_monthly, needs: 'read' },
			{ href: '/lieferungen', label: m.nav_uploads, needs: 'read' },
			{ href: '/jobcenter', label: m.nav_register, needs: 'read_all' },
			{ href: '/ereignisse', label: m.nav_events, needs: 'read' }
		]
	},
	{ href: '/methodik', label: m.nav_methodology, needs: 'read' },
	{
		label: m.nav_group_admin,
		links: [
			{ href: '/protokoll', label: m.nav_audit, needs: 'read_all' },
			{ href: '/verwaltung/benutzer', label: m.nav_users, needs: 'manage' }
		]
	},
	{ href: '/konto', label: m.nav_account, needs: 'read' }
];

/** What this viewer sees: groups without a visible link vanish, a group of one becomes that link. */
export function navigationFor(may: May): (NavLink | NavGroup)[] {
	const visible = (link: NavLink) => may[link.needs] && !(link.notFor && may[link.notFor]);
	return NAVIGATION.flatMap((item): (NavLink | NavGroup)[] => {
		if (!('links' in item)) return visible(item) ? [item] : [];
		const links = item.links.filter(visible);
		return links.length > 1 ? [{ ...item, links }] : links;
	});
}
