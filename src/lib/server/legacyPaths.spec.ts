import { describe, expect, it } from 'vitest';
import { renamedPath } from './legacyPaths';

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
