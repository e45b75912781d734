import { describe, expect, it } from 'vitest';
import { readHeader } from './headers';

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
