import { describe, expect, it } from 'vitest';
import { can, type Role } from '$lib/server/auth/authorise';
import { navigationFor, type May, type NavGroup, type NavLink } from './navigation';

function mayOf(role: Role): May {
	const viewer = { userId: 1, email: 'x@example.org', role, jobcenterId: null, locale: null };
	return {
		read: can(viewer, 'read'),
		read_all: can(viewer, 'read_all'),
		manage: can(viewer, 'manage')
	};
}

/** The navigation as text: a link as its path, a group as its label and its links' paths. */
function outline(role: Role): (string | [string, string[]])[] {
	return navigationFor(mayOf(role)).map((item) =>
		'links' in item
			? [(item as NavGroup).label(), item.links.map((l) => l.href)]
			: (item as NavLink).href
	);
}

describe('the main navigation, derived from the permissions', () => {
	it('gives jobcenter users their own rounds and the data pages, without the analysts’ pages', () => {
		expect(outline('jobcenter')).toEqual([
			'/',
			'/karte',
			'/kanaele',
			'/meine-runden',
			['Daten', ['/hochladen', '/monatsmeldung', '/lieferungen', '/ereignisse']],
			'/methodik',
			'/konto'
		]);
	});

	it('gives analysts the rounds, the register, the data status and the audit log', () => {
		expect(outline('analyst')).toEqual([
			'/',
			'/karte',
			'/kanaele',
			['Runden', ['/runden', '/datenstand']],
			['Daten', ['/hochladen', '/monatsmeldung', '/lieferungen', '/jobcenter', '/ereignisse']],
			'/methodik',
			'/protokoll',
			'/konto'
		]);
	});

	it('adds the user management for admins, grouped with the audit log', () => {
		const admin = outline('admin');
		expect(admin).toContainEqual(['Verwaltung', ['/protokoll', '/verwaltung/benutzer']]);
		expect(admin).not.toContain('/meine-runden');
	});

	it('shows nothing to a viewer without any permission', () => {
		expect(navigationFor({ read: false, read_all: false, manage: false })).toEqual([]);
	});
});
