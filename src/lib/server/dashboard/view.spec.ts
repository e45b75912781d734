import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { readFilters } from './view';

const LATEST = '2026-10';
const read = (query: string) => readFilters(new URLSearchParams(query), LATEST);

/** The status and sentence a query is refused with, or null when it is read. */
function refusal(query: string) {
	try {
		read(query);
		return null;
	} catch (e) {
		if (!isHttpError(e)) throw e;
		return { status: e.status, message: e.body.message };
	}
}

describe('the dashboard query', () => {
	it('reads jobcenter, period, peer group, channels and round', () => {
		expect(
			read('jc=05754&von=2026-01&bis=2026-06&vergleich=state&kanal=x,facebook&runde=3')
		).toEqual({
			jc: '05754',
			from: '2026-01',
			to: '2026-06',
			peers: 'state',
			channels: ['x', 'facebook'],
			round: 3
		});
		expect(read('')).toEqual({
			jc: null,
			from: null,
			to: null,
			peers: null,
			channels: [],
			round: null
		});
	});

	it('collapses repeated channels, however many times they come', () => {
		expect(read(`kanal=${Array(5000).fill('facebook').join(',')}&kanal=x`).channels).toEqual([
			'facebook',
			'x'
		]);
	});

	it('refuses the periods of issue 12 with a sentence that says what to change', () => {
		expect(refusal('von=0001-01&bis=9999-12')).toEqual({
			status: 400,
			message: 'Der Zeitraum beginnt zu früh. Bitte wählen Sie einen Anfangsmonat ab 2010-01.'
		});
		expect(refusal('von=0000-01&bis=9999-12')?.status).toBe(400);
		expect(refusal('von=2016-01&bis=2026-01')?.message).toMatch(/höchstens 120 Monate/);
		expect(refusal('von=2026-01&bis=2026-11')?.message).toMatch(/bis 2026-10/);
		expect(refusal('von=2026-01')?.message).toMatch(/Anfangs- und Endmonat/);
	});

	it('refuses other malformed values, naming them', () => {
		expect(refusal('vergleich=ringe')?.message).toMatch(/„ringe“ gibt es nicht/);
		expect(refusal('kanal=facebook,myspace')?.message).toBe('Den Kanal „myspace“ gibt es nicht.');
		expect(refusal('runde=2x')?.message).toMatch(/„2x“ ist keine Nummer/);
		expect(refusal('runde=0')?.status).toBe(400);
		expect(refusal(`jc=${'1'.repeat(21)}`)?.status).toBe(400);
		// More different channels than the catalogue has is refused before each is looked at.
		expect(
			refusal(`kanal=${Array.from({ length: 12 }, (_, i) => `c${i}`).join(',')}`)?.message
		).toMatch(/Zu viele Werte/);
	});
});
