import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import {
	choice,
	flag,
	form,
	ID_MAX,
	integer,
	jobcenterCode,
	list,
	month,
	parse,
	ParamError,
	pathId,
	periodProblem,
	query,
	secret,
	shown,
	text
} from './params';

const q = (s: string) => new URLSearchParams(s);

/** The field and sentence of the ParamError that reading throws, or null. */
function problem(source: URLSearchParams | FormData, schema: Parameters<typeof parse>[1]) {
	try {
		parse(source, schema);
		return null;
	} catch (e) {
		if (!(e instanceof ParamError)) throw e;
		return { field: e.field, message: e.message };
	}
}

describe('the schema layer', () => {
	it('reads text trimmed and bounded, absent as empty', () => {
		expect(parse(q('name=+Kreis+'), { name: text(10), other: text(10) })).toEqual({
			name: 'Kreis',
			other: ''
		});
		expect(problem(q(`name=${'x'.repeat(11)}`), { name: text(10) })).toEqual({
			field: 'name',
			message: 'Der Wert ist zu lang: höchstens 10 Zeichen. Bitte kürzen Sie ihn.'
		});
		expect(parse(q('p=+a+'), { p: secret(5) })).toEqual({ p: ' a ' });
		expect(problem(q('p=123456'), { p: secret(5) })?.message).not.toContain('123456');
	});

	it('takes one of a list, naming the choices', () => {
		const peers = { vergleich: choice(['ring', 'all'] as const) };
		expect(parse(q('vergleich=ring'), peers)).toEqual({ vergleich: 'ring' });
		expect(parse(q('vergleich='), peers)).toEqual({ vergleich: null });
		expect(problem(q('vergleich=Ring'), peers)).toEqual({
			field: 'vergleich',
			message: '„Ring“ steht nicht zur Wahl. Möglich sind: ring, all.'
		});
	});

	it('reads whole numbers within their bounds only', () => {
		const schema = { n: integer(1, 50) };
		expect(parse(q('n=+7+'), schema)).toEqual({ n: 7 });
		expect(parse(q(''), schema)).toEqual({ n: null });
		for (const bad of ['0', '51', '-1', '1.5', '1e2', '0x10', 'abc', '9'.repeat(400)]) {
			expect(problem(q(`n=${bad}`), schema)?.message).toMatch(/von 1 bis 50/);
		}
		expect(pathId('12')).toBe(12);
		for (const bad of ['0', '-1', 'x', '1.0', String(ID_MAX + 1), '9'.repeat(30)]) {
			expect(pathId(bad)).toBe(null);
		}
	});

	it('reads months and checkboxes strictly', () => {
		expect(parse(q('von=2026-03'), { von: month() })).toEqual({ von: '2026-03' });
		expect(problem(q('von=2026-13'), { von: month() })?.message).toBe(
			'„2026-13“ ist kein Monat. Bitte geben Sie ihn als JJJJ-MM an, zum Beispiel 2026-03.'
		);
		expect(parse(q('a=on&b=1'), { a: flag(), b: flag(), c: flag() })).toEqual({
			a: true,
			b: true,
			c: false
		});
		expect(problem(q('a=yes'), { a: flag() })?.field).toBe('a');
	});

	it('reads jobcenter codes up to 20 characters', () => {
		expect(parse(q('jc=+05754+'), { jc: jobcenterCode() })).toEqual({ jc: '05754' });
		expect(problem(q(`jc=${'1'.repeat(21)}`), { jc: jobcenterCode() })?.message).toMatch(
			/keine Jobcenter-Kennung/
		);
	});

	it('reads lists without repeats and refuses more than the bound', () => {
		const channel = { kanal: list(choice(['facebook', 'instagram', 'x']), 3, { split: true }) };
		expect(parse(q('kanal=facebook,x&kanal=facebook&kanal=,'), channel)).toEqual({
			kanal: ['facebook', 'x']
		});
		// Repeats of one value are no flood: they collapse before the bound is checked.
		const repeated = new URLSearchParams();
		for (let i = 0; i < 10_000; i++) repeated.append('kanal', 'x');
		expect(parse(repeated, channel)).toEqual({ kanal: ['x'] });
		expect(problem(q('kanal=a,b,c,d'), channel)).toEqual({
			field: 'kanal',
			message: 'Zu viele Werte: höchstens 3. Bitte wählen Sie weniger aus.'
		});
		expect(problem(q('kanal=myspace'), channel)?.message).toMatch(/„myspace“ steht nicht/);
	});

	it('never echoes a huge value whole', () => {
		const long = 'a'.repeat(10_000);
		expect(shown(long)).toHaveLength(41);
		expect(problem(q(`peers=${long}`), { peers: choice(['ring']) })!.message.length).toBeLessThan(
			120
		);
	});

	it('refuses a file where text is expected', () => {
		const data = new FormData();
		data.set('name', new File(['x'], 'x.csv'));
		expect(problem(data, { name: text(10) })?.message).toMatch(/keine Datei/);
	});

	it('turns a problem into a 400 for pages, and into a value for form actions', () => {
		try {
			query(q('n=x'), { n: integer(1, 2) });
			expect.unreachable();
		} catch (e) {
			expect(isHttpError(e) && e.status).toBe(400);
		}
		const data = new FormData();
		data.set('n', 'x');
		expect(form(data, { n: integer(1, 2) })).toMatchObject({ ok: false, field: 'n' });
		data.set('n', '2');
		expect(form(data, { n: integer(1, 2) })).toEqual({ ok: true, values: { n: 2 } });
	});
});

describe('the period bound', () => {
	const latest = '2026-10';

	it('takes periods from 2010-01 to the latest month of at most 120 months', () => {
		expect(periodProblem('2026-01', '2026-10', latest)).toBe(null);
		expect(periodProblem('2010-01', '2019-12', latest)).toBe(null);
		expect(periodProblem('2016-11', '2026-10', latest)).toBe(null);
	});

	it('says what to change for every other period', () => {
		expect(periodProblem('2026-05', '2026-04', latest)).toMatch(/Anfang darf nicht nach dem Ende/);
		expect(periodProblem('0001-01', '9999-12', latest)).toBe(
			'Der Zeitraum beginnt zu früh. Bitte wählen Sie einen Anfangsmonat ab 2010-01.'
		);
		expect(periodProblem('0000-01', '9999-12', latest)).toMatch(/beginnt zu früh/);
		expect(periodProblem('2009-12', '2010-06', latest)).toMatch(/beginnt zu früh/);
		expect(periodProblem('2026-01', '2026-11', latest)).toBe(
			'Der Zeitraum endet zu spät. Bitte wählen Sie einen Endmonat bis 2026-10.'
		);
		expect(periodProblem('2010-01', '2020-01', latest)).toBe(
			'Der Zeitraum ist zu lang. Bitte wählen Sie höchstens 120 Monate (10 Jahre).'
		);
	});
});
