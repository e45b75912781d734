import { describe, expect, it } from 'vitest';
import {
	CodeIndex,
	numberReadings,
	parseCarrier,
	parseChannel,
	parseMonth,
	parseNumber,
	parseState
} from './values';

describe('parseNumber', () => {
	it.each([
		['1.234', 'de', 1234],
		['1.234,5', 'de', 1234.5],
		['12,5', 'de', 12.5],
		['1.234.567', 'de', 1234567],
		['1 234', 'de', 1234],
		['1,234', 'en', 1234],
		['12.5', 'en', 12.5],
		['1,234.5', 'en', 1234.5],
		['0', 'en', 0],
		['-0', 'de', 0]
	] as const)('reads %s in %s style as %d', (raw, style, value) => {
		expect(parseNumber(raw, style, Infinity)).toEqual({ value });
	});

	it('names what is wrong with a value', () => {
		expect(parseNumber('viele', 'de', 0)).toEqual({ error: 'not_a_number' });
		expect(parseNumber('1.23', 'de', 0)).toEqual({ error: 'not_a_number' });
		expect(parseNumber('-5', 'de', 0)).toEqual({ error: 'negative' });
		expect(parseNumber('2,5', 'de', 0)).toEqual({ error: 'fractional_count' });
		expect(parseNumber('2,5', 'de', Infinity)).toEqual({ value: 2.5 });
		expect(parseNumber('1e5', 'en', 0)).toEqual({ error: 'not_a_number' });
		expect(parseNumber('9999999999999', 'en', 0)).toEqual({ error: 'too_large' });
	});

	it('allows as many decimals as asked for, in either style, ignoring trailing zeros', () => {
		expect(parseNumber('2,5', 'de', 1)).toEqual({ value: 2.5 });
		expect(parseNumber('1.234,5', 'de', 1)).toEqual({ value: 1234.5 });
		expect(parseNumber('0.5', 'en', 1)).toEqual({ value: 0.5 });
		expect(parseNumber('2,50', 'de', 1)).toEqual({ value: 2.5 });
		expect(parseNumber('2,25', 'de', 1)).toEqual({ error: 'too_many_decimals' });
		expect(parseNumber('0.75', 'en', 1)).toEqual({ error: 'too_many_decimals' });
		expect(parseNumber('-0,5', 'de', 1)).toEqual({ error: 'negative' });
	});

	it('tells which styles can read a value', () => {
		expect(numberReadings('1.234')).toEqual({ de: true, en: true });
		expect(numberReadings('12,5')).toEqual({ de: true, en: false });
		expect(numberReadings('13.2')).toEqual({ de: false, en: true });
		expect(numberReadings('1.234,5')).toEqual({ de: true, en: false });
	});
});

describe('parseMonth', () => {
	it.each([
		'2026-01',
		'2026-01-01',
		'2026-1',
		'01/2026',
		'1/2026',
		'01.2026',
		'1.2026',
		'15.01.2026',
		'Januar 2026',
		'januar 2026',
		'Jan 2026',
		'Jan. 2026',
		'January 2026',
		' Jänner 2026 '
	])('reads %s as 2026-01', (raw) => {
		expect(parseMonth(raw)).toBe('2026-01');
	});

	it('knows German and English month names', () => {
		expect(parseMonth('März 2026')).toBe('2026-03');
		expect(parseMonth('Maerz 2026')).toBe('2026-03');
		expect(parseMonth('Mai 2026')).toBe('2026-05');
		expect(parseMonth('Okt. 2026')).toBe('2026-10');
		expect(parseMonth('Dec 2026')).toBe('2026-12');
	});

	it.each(['2026-13', '13.2026', '00/2026', 'Foo 2026', '2026', '', 'Jan'])('rejects %s', (raw) => {
		expect(parseMonth(raw)).toBeNull();
	});
});

describe('parseChannel', () => {
	it.each([
		['facebook', 'facebook'],
		['FB', 'facebook'],
		['Insta', 'instagram'],
		['IG', 'instagram'],
		['Twitter', 'x'],
		['X (Twitter)', 'x'],
		['X', 'x'],
		['YT', 'youtube'],
		['LinkedIn', 'linkedin'],
		['tiktok', 'tiktok'],
		['WhatsApp-Kanal', 'whatsapp'],
		['whatsapp kanal', 'whatsapp'],
		[' Bluesky ', 'bluesky']
	])('reads %s as %s', (raw, id) => {
		expect(parseChannel(raw)).toBe(id);
	});

	it('does not guess', () => {
		expect(parseChannel('Fax')).toBeNull();
	});
});

describe('Länder and carriers', () => {
	it('reads codes and full names', () => {
		expect(parseState('NW')).toBe('NW');
		expect(parseState('nw')).toBe('NW');
		expect(parseState('Nordrhein-Westfalen')).toBe('NW');
		expect(parseState('Thueringen')).toBe('TH');
		expect(parseState('Gallien')).toBeNull();
		expect(parseCarrier('gE')).toBe('gE');
		expect(parseCarrier('gemeinsame Einrichtung')).toBe('gE');
		expect(parseCarrier('Optionskommune')).toBe('zkT');
		expect(parseCarrier('zugelassener kommunaler Träger')).toBe('zkT');
		expect(parseCarrier('ARGE')).toBeNull();
	});
});

describe('CodeIndex', () => {
	const index = new CodeIndex([
		{ id: 1, code: '05754' },
		{ id: 2, code: '01002' },
		{ id: 3, code: '001002' },
		{ id: 4, code: 'B-7' }
	]);

	it('finds exact codes', () => {
		expect(index.find('05754')).toEqual({ id: 1, code: '05754', recovered: false });
		expect(index.find(' B-7 ')).toEqual({ id: 4, code: 'B-7', recovered: false });
	});

	it('recovers a dropped leading zero when exactly one code fits', () => {
		expect(index.find('5754')).toEqual({ id: 1, code: '05754', recovered: true });
	});

	it('treats an ambiguous or unknown code as unknown', () => {
		expect(index.find('1002')).toBeNull();
		expect(index.find('99999')).toBeNull();
		expect(index.find('57540')).toBeNull();
	});

	it('recovers only among the codes it was given', () => {
		const own = new CodeIndex([{ id: 2, code: '01002' }]);
		expect(own.find('1002')).toEqual({ id: 2, code: '01002', recovered: true });
		expect(own.find('5754')).toBeNull();
		expect(own.find('05754')).toBeNull();
	});
});
