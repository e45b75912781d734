import { describe, expect, it } from 'vitest';
import { legacyLocation, renamedPath, renamedQuery } from './legacyPaths';

describe('renamedPath', () => {
	it.each([
		['/rounds', '/runden'],
		['/rounds/3', '/runden/3'],
		['/rounds/3/bericht', '/runden/3/bericht'],
		['/rounds/3/matrix/export', '/runden/3/matrix/export'],
		['/rounds/', '/runden/'],
		['/upload', '/hochladen'],
		['/upload/status', '/hochladen/status'],
		['/upload/fehler', '/hochladen/fehler'],
		['/upload/vorlage/metrics', '/hochladen/vorlage/kennzahlen'],
		['/upload/vorlage/register', '/hochladen/vorlage/verzeichnis'],
		['/uploads', '/lieferungen'],
		['/uploads/loeschen', '/lieferungen/loeschen'],
		['/login', '/anmelden'],
		['/logout', '/abmelden'],
		['/admin/benutzer', '/verwaltung/benutzer']
	])('%s → %s', (old, current) => {
		expect(renamedPath(old)).toBe(current);
	});

	it('leaves current paths and look-alikes alone', () => {
		for (const path of [
			'/',
			'/runden/3',
			'/hochladen',
			'/healthz',
			'/kpi/followers',
			'/export',
			'/meine-runden',
			'/roundsx',
			'/uploader',
			'/loginhilfe',
			'/administration',
			'/x/rounds'
		]) {
			expect(renamedPath(path), path).toBeNull();
		}
	});

	it('keeps the rest of the path below an old prefix', () => {
		expect(renamedPath('/upload/vorlage/metrics/x')).toBe('/hochladen/vorlage/kennzahlen/x');
		expect(renamedPath('/upload/vorlage')).toBe('/hochladen/vorlage');
	});
});

describe('renamedQuery', () => {
	it.each([
		['?from=2026-01&to=2026-06&peers=all', '?von=2026-01&bis=2026-06&vergleich=all'],
		['?jc=05754&channel=facebook,x&round=3', '?jc=05754&kanal=facebook,x&runde=3'],
		['?channel=facebook&format=csv&channel=x', '?kanal=facebook&format=csv&kanal=x'],
		[
			'?ring=Vergleichsring+Optionskommunen&from=2025-11&to=2026-10',
			'?ring=Vergleichsring+Optionskommunen&von=2025-11&bis=2026-10'
		],
		['?to=&from', '?bis=&von'],
		['from=2026-01', '?von=2026-01']
	])('%s → %s', (old, current) => {
		expect(renamedQuery(old)).toBe(current);
	});

	it('leaves a new name alone and lets it win over the old one', () => {
		expect(renamedQuery('?von=2026-01&from=2025-01&to=2026-06')).toBe(
			'?von=2026-01&from=2025-01&bis=2026-06'
		);
		expect(renamedQuery('?von=2026-01&from=2025-01')).toBeNull();
	});

	it('is null for a query without old names', () => {
		for (const search of [
			'',
			'?',
			'?von=2026-01&bis=2026-06&vergleich=all&kanal=x&runde=3',
			'?jc=05754&format=xlsx&x=reach&y=followers',
			'?token=abc&job=1',
			'?redirectTo=%2F%3Ffrom%3D2026-01',
			'?fromage=1&peer=all&channels=x&rounds=3',
			'?constructor=1&__proto__=2',
			'?x=from&y=to'
		]) {
			expect(renamedQuery(search), search).toBeNull();
		}
	});
});

describe('legacyLocation', () => {
	it('renames the path and, for a read, the query', () => {
		expect(legacyLocation('/rounds/3', '?peers=all', true)).toBe('/runden/3?vergleich=all');
		expect(legacyLocation('/upload', '?/commit', false)).toBe('/hochladen?/commit');
		expect(legacyLocation('/', '?from=2026-01', false)).toBeNull();
		expect(legacyLocation('/kpi/posts', '?jc=05754', true)).toBeNull();
	});

	it('never sends the browser to another site', () => {
		expect(legacyLocation('//evil.example', '?peers=all', true)).toBe(
			'/evil.example?vergleich=all'
		);
		expect(legacyLocation('///evil.example/x', '?round=1', true)).toBe('/evil.example/x?runde=1');
	});
});
