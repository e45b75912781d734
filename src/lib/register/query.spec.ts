import { describe, expect, it } from 'vitest';
import { NO_FILTER, pageItems, readRegisterQuery, registerHref, registerParams } from './query';

const choices = { states: ['BY', 'NW'], rings: ['Ring Nord', 'Ring Süd'], withoutRing: true };
const read = (query: string) => readRegisterQuery(new URLSearchParams(query), choices);

describe('the register query in the URL', () => {
	it('reads search, state, ring and page', () => {
		expect(read('suche=+Kreis+&land=NW&ring=Ring+S%C3%BCd&seite=3')).toEqual({
			filter: { search: 'Kreis', state: 'NW', ring: 'Ring Süd' },
			page: 3
		});
		expect(read('ring=ohne')).toEqual({ filter: { search: '', state: null, ring: null }, page: 1 });
		expect(read('')).toEqual({ filter: { search: '', state: null, ring: undefined }, page: 1 });
	});

	it('ignores what the register does not hold and pages that cannot be', () => {
		expect(read('land=XX&ring=Ring+Ost').filter).toEqual({
			search: '',
			state: null,
			ring: undefined
		});
		expect(
			readRegisterQuery(new URLSearchParams('ring=ohne'), { ...choices, withoutRing: false }).filter
				.ring
		).toBe(undefined);
		for (const page of ['abc', '0', '-2', '', '1.9']) expect(read(`seite=${page}`).page).toBe(1);
		expect(read('seite=2.5').page).toBe(2);
		expect(read(`suche=${'x'.repeat(300)}`).filter.search).toHaveLength(100);
	});

	it('writes the URL it reads, without empty fields and page 1, anchored at the register', () => {
		const filter = { search: 'Bad Tölz', state: 'BY', ring: null };
		const href = registerHref(filter, 2);
		expect(href).toBe('/?suche=Bad+T%C3%B6lz&land=BY&ring=ohne&seite=2#verzeichnis');
		expect(read(new URL(href, 'http://x').search)).toEqual({ filter, page: 2 });
		expect(registerHref(NO_FILTER, 1)).toBe('/#verzeichnis');
	});

	it('writes the same for another page that lists the register', () => {
		const filter = { search: '', state: 'NW', ring: 'Ring Nord' };
		expect(registerHref(filter, 3, '/jobcenter')).toBe(
			'/jobcenter?land=NW&ring=Ring+Nord&seite=3#verzeichnis'
		);
		expect(registerHref(NO_FILTER, 1, '/jobcenter')).toBe('/jobcenter#verzeichnis');
		expect(String(registerParams(filter, 1))).toBe('land=NW&ring=Ring+Nord');
		expect(String(registerParams(NO_FILTER, 1))).toBe('');
	});
});

describe('the page numbers of the pagination', () => {
	it('shows first, last and the neighbours of the current page, with gaps', () => {
		expect(pageItems(1, 1)).toEqual([1]);
		expect(pageItems(2, 3)).toEqual([1, 2, 3]);
		expect(pageItems(1, 9)).toEqual([1, 2, null, 9]);
		expect(pageItems(4, 9)).toEqual([1, 2, 3, 4, 5, null, 9]);
		expect(pageItems(5, 9)).toEqual([1, null, 4, 5, 6, null, 9]);
		expect(pageItems(9, 9)).toEqual([1, null, 8, 9]);
	});
});
