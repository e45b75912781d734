import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { registerHref } from '$lib/register/query';
import { readRegisterQuery } from './registerView';

const choices = { states: ['BY', 'NW'], rings: ['Ring Nord', 'Ring Süd'], withoutRing: true };
const read = (query: string) => readRegisterQuery(new URLSearchParams(query), choices);

/** The status and sentence of the 400 a query gets, or null when it is read. */
function refusal(query: string): { status: number; message: string } | null {
	try {
		read(query);
		return null;
	} catch (e) {
		if (!isHttpError(e)) throw e;
		return { status: e.status, message: e.body.message };
	}
}

describe('the register query in the URL', () => {
	it('reads search, state, ring and page', () => {
		expect(read('suche=+Kreis+&land=NW&ring=Ring+S%C3%BCd&seite=3')).toEqual({
			filter: { search: 'Kreis', state: 'NW', ring: 'Ring Süd' },
			page: 3
		});
		expect(read('ring=ohne')).toEqual({ filter: { search: '', state: null, ring: null }, page: 1 });
		expect(read('')).toEqual({ filter: { search: '', state: null, ring: undefined }, page: 1 });
		expect(read('seite=')).toEqual({
			filter: { search: '', state: null, ring: undefined },
			page: 1
		});
	});

	it('reads back the URL the links write', () => {
		const filter = { search: 'Bad Tölz', state: 'BY', ring: null };
		expect(read(new URL(registerHref(filter, 2), 'http://x').search)).toEqual({ filter, page: 2 });
	});

	it('ignores a well-formed Land or ring the register does not hold (an old bookmark)', () => {
		expect(read('land=XX&ring=Ring+Ost').filter).toEqual({
			search: '',
			state: null,
			ring: undefined
		});
		expect(
			readRegisterQuery(new URLSearchParams('ring=ohne'), { ...choices, withoutRing: false }).filter
				.ring
		).toBe(undefined);
		// Beyond the last page is clamped by the query, which knows how many there are.
		expect(read('seite=999').page).toBe(999);
	});

	it('refuses malformed values with a 400 that says what to change', () => {
		for (const page of ['abc', '0', '-2', '1.9', '2.5', '1e3', '100001']) {
			expect(refusal(`seite=${page}`)).toEqual({
				status: 400,
				message: `„${page}“ ist keine gültige Zahl. Bitte geben Sie eine ganze Zahl von 1 bis 100000 an.`
			});
		}
		expect(refusal(`suche=${'x'.repeat(101)}`)).toEqual({
			status: 400,
			message: 'Der Wert ist zu lang: höchstens 100 Zeichen. Bitte kürzen Sie ihn.'
		});
		expect(refusal(`suche=${'x'.repeat(100)}`)).toBe(null);
		expect(refusal(`ring=${'r'.repeat(201)}`)?.status).toBe(400);
		expect(refusal(`land=${'l'.repeat(41)}`)?.status).toBe(400);
	});
});
