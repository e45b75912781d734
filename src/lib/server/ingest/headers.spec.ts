import { describe, expect, it } from 'vitest';
import { testDatabase } from '$lib/server/db/testing';
import { dumpTables } from '$lib/server/db/dump';
import { bufferSource } from './dialect';
import { readHeader, wideHeader } from './headers';
import { importFile } from './ingest';
import { issueMessage, MAX_COLUMNS } from './messages';

describe('readHeader', () => {
	it('maps German headers of a metrics file, ignoring case, spaces and umlaut spelling', () => {
		const header = readHeader([
			' Kennung ',
			'BERICHTSMONAT',
			'Plattform',
			'Abonnenten',
			'Beitraege',
			'Aufrufe',
			'Reichweite',
			'Gefällt mir',
			'Kommentare',
			'Teilungen',
			'Antworten',
			'Arbeitsstunden'
		]);
		expect(header.kind).toBe('metrics');
		expect(header.kind && header.fields).toEqual([
			'jobcenter',
			'month',
			'channel',
			'followers',
			'posts',
			'impressions',
			'reach',
			'reactions',
			'comments',
			'shares',
			'replies',
			'staff_hours'
		]);
		expect(header.issues).toEqual([]);
	});

	it('maps the English canonical header', () => {
		const header = readHeader(['jobcenter', 'month', 'channel', 'staff_hours', 'Staff Hours']);
		expect(header.kind && header.fields).toEqual([
			'jobcenter',
			'month',
			'channel',
			'staff_hours',
			'staff_hours'
		]);
		expect(header.issues.map((i) => i.code)).toEqual(['duplicate_column']);
	});

	it('recognises a register by its name column', () => {
		const header = readHeader([
			'Jobcenter-Nr.',
			'Bezeichnung',
			'Land',
			'Träger',
			'ELB',
			'Ring',
			'gültig ab'
		]);
		expect(header.kind).toBe('register');
		expect(header.kind && header.fields).toEqual([
			'code',
			'name',
			'state',
			'carrier',
			'elb',
			'ring',
			'valid_from'
		]);
	});

	it('warns about unknown columns and reports missing ones', () => {
		const header = readHeader(['Monat', 'Kanal', 'Notiz', '']);
		expect(header.issues).toEqual([
			{ line: 1, column: 'Notiz', value: 'Notiz', code: 'unknown_header' },
			{
				line: 1,
				column: 'jobcenter',
				value: null,
				code: 'missing_column',
				detail: 'Jobcenter / jobcenter'
			}
		]);
	});

	it('gives up when nothing says what kind of file it is', () => {
		expect(readHeader(['foo', 'bar']).issues.map((i) => i.code)).toEqual(['unknown_kind']);
	});
});

describe('the column limit', () => {
	const metrics = ['Jobcenter', 'Monat', 'Kanal', 'Follower'];
	const padded = (n: number) => [
		...metrics,
		...Array.from({ length: n - 4 }, (_, i) => `Notiz ${i}`)
	];

	it('takes a header of 200 columns and refuses one of 201, saying what to do', () => {
		expect(readHeader(padded(MAX_COLUMNS)).kind).toBe('metrics');
		const refused = readHeader(padded(MAX_COLUMNS + 1));
		expect(refused.kind).toBeNull();
		expect(refused.issues).toEqual([
			{ line: 1, column: null, value: null, code: 'too_many_columns' }
		]);
		expect(issueMessage(refused.issues[0], 'de')).toBe(
			'Die Kopfzeile hat mehr als 200 Spalten. Bitte laden Sie nur die Spalten der Vorlage hoch.'
		);
	});

	it('counts the raw header line: quoted delimiters are text, blank lines before it are skipped', () => {
		const line = (n: number) => padded(n).join(';');
		expect(wideHeader(`${line(200)}\r\n1;2\r\n`, ';')).toBeNull();
		expect(wideHeader(`;;;\r\n\r\n${line(201)}\r\n`, ';')?.code).toBe('too_many_columns');
		expect(wideHeader(`"a;b";${line(199)}\n`, ';')).toBeNull();
		expect(wideHeader(padded(201).join('\t'), '\t')?.code).toBe('too_many_columns');
	});

	it('stops an upload with a million columns at the header, with no columns for the preview and no change', async () => {
		const db = await testDatabase();
		const before = await dumpTables(db);
		// A million columns: parsing and mapping this one record would take long, the raw count does not.
		const header = padded(1_000_000).join(';');
		const started = Date.now();
		const row = ['05754', '2026-01', 'Facebook', '1'].join(';');
		const result = await importFile(db, bufferSource(`${header}\r\n${row}\r\n`), {
			fileName: 'breit.csv',
			userId: null,
			scope: { jobcenterId: null, mayImportRegister: true },
			env: { BENCHLEARN_TODAY: '2026-11-25' }
		});
		expect(result).toMatchObject({ kind: null, columns: [], uploadId: null, errorCount: 1 });
		expect(result.errors.map((e) => issueMessage(e, 'en'))).toEqual([
			'The header has more than 200 columns. Please upload only the columns of the template.'
		]);
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(await dumpTables(db)).toEqual(before);
	});
});
