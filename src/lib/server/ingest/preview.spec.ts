import { describe, expect, it } from 'vitest';
import type { Issue } from './messages';
import { errorCsv, groupByReason, issueRows } from './preview';

const at = (line: number, code: Issue['code'], value = 'x', detail?: string): Issue => ({
	line,
	column: 'Kanal',
	value,
	code,
	detail
});

describe('groupByReason', () => {
	it('counts per reason, the most frequent first, ignoring details such as earlier lines', () => {
		const issues = [
			at(2, 'unknown_jobcenter'),
			at(3, 'unknown_channel'),
			at(4, 'duplicate_key', 'x', '2'),
			at(5, 'unknown_channel'),
			at(6, 'duplicate_key', 'x', '3'),
			at(7, 'unknown_channel')
		];
		expect(groupByReason(issues, 'de')).toEqual([
			{ code: 'unknown_channel', reason: 'Unbekannter Kanal', count: 3 },
			{ code: 'duplicate_key', reason: 'Doppelte Zeile', count: 2 },
			{ code: 'unknown_jobcenter', reason: 'Unbekannte Jobcenter-Kennung', count: 1 }
		]);
		expect(groupByReason(issues, 'en')[0].reason).toBe('Unknown channel');
	});

	it('is empty without issues', () => {
		expect(groupByReason([], 'de')).toEqual([]);
	});
});

describe('issueRows', () => {
	it('turns issues into sentences and stops at the limit', () => {
		const rows = issueRows([at(2, 'unknown_channel', 'Fax'), at(3, 'negative', '-1')], 'de', 1);
		expect(rows).toEqual([
			{ line: 2, column: 'Kanal', value: 'Fax', message: 'Unbekannter Kanal.' }
		]);
	});
});

describe('errorCsv', () => {
	it('writes a BOM, semicolons and CRLF, in line order, with warnings marked', () => {
		const csv = errorCsv(
			[
				at(5, 'unknown_channel', 'Fax'),
				at(3, 'staff_hours_high', '401'),
				at(4, 'duplicate_key', 'X; Twitter', '2')
			],
			'de'
		);
		expect(csv.startsWith('\uFEFFZeile;Spalte;Wert;Meldung\r\n')).toBe(true);
		expect(csv.slice(1).split('\r\n')).toEqual([
			'Zeile;Spalte;Wert;Meldung',
			'3;Kanal;401;Warnung: Mehr als 400 Personalstunden in einem Monat.',
			'4;Kanal;"X; Twitter";Doppelte Zeile: gleiches Jobcenter, gleicher Kanal und Monat wie in Zeile 2.',
			'5;Kanal;Fax;Unbekannter Kanal.',
			''
		]);
	});

	it('has English headers for English readers', () => {
		expect(errorCsv([], 'en')).toBe('\uFEFFline;column;value;message\r\n');
	});
});
