import { describe, expect, it } from 'vitest';
import { NO_FILTER, pageItems, registerHref, registerParams } from './query';

describe('the register query in the URL', () => {
	it('writes the URL it reads, without empty fields and page 1, anchored at the register', () => {
		const filter = { search: 'Bad Tölz', state: 'BY', ring: null };
		const href = registerHref(filter, 2);
		expect(href).toBe('/?suche=Bad+T%C3%B6lz&land=BY&ring=ohne&seite=2#verzeichnis');
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
