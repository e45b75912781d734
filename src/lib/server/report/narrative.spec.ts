import { describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { areaSummary, kpiSentence, type NarrativeInput } from './narrative';

const reach: NarrativeInput = {
	id: 'reach_per_1000_elb',
	label: 'Reichweite je 1.000 eLb',
	unit: 'per_1000_elb',
	better: 'higher',
	value: 12.3,
	suppressed: false,
	quartile: 4,
	median: 8.1
};
const JUDGING = /Stärke|gut|Handlungsfeld/;

describe('kpiSentence', () => {
	it('says the value, the quartile and the median, as in the example', () => {
		expect(kpiSentence(reach, 5)).toEqual({
			kpi: 'reach_per_1000_elb',
			text: 'Bei der Reichweite je 1.000 eLb liegt Ihr Jobcenter mit 12,3 im oberen Quartil der Vergleichsgruppe (Median 8,1). Das ist eine Stärke Ihres Jobcenters.',
			tone: 'good'
		});
	});

	it.each([
		[4, 'im oberen Quartil', 'Das ist eine Stärke Ihres Jobcenters.', 'good'],
		[3, 'im dritten Quartil (über dem Median)', 'Das ist ein guter Wert.', 'good'],
		[2, 'im zweiten Quartil (bis zum Median)', 'Das ist ein mögliches Handlungsfeld.', 'bad'],
		[1, 'im unteren Quartil', 'Das ist ein Handlungsfeld.', 'bad']
	] as const)('higher is better, quartile %i: %s', (quartile, where, judged, tone) => {
		const s = kpiSentence({ ...reach, quartile }, 5);
		expect(s.text).toContain(where);
		expect(s.text.endsWith(judged)).toBe(true);
		expect(s.tone).toBe(tone);
	});

	it.each([
		[1, 'im unteren Quartil', 'Das ist eine Stärke Ihres Jobcenters.', 'good'],
		[2, 'im zweiten Quartil (bis zum Median)', 'Das ist ein guter Wert.', 'good'],
		[3, 'im dritten Quartil (über dem Median)', 'Das ist ein mögliches Handlungsfeld.', 'bad'],
		[4, 'im oberen Quartil', 'Das ist ein Handlungsfeld.', 'bad']
	] as const)('lower is better, quartile %i: %s', (quartile, where, judged, tone) => {
		const hours: NarrativeInput = {
			...reach,
			id: 'hours_per_post',
			label: 'Stunden je Beitrag',
			unit: 'hours',
			better: 'lower',
			value: 1.5,
			median: 1.2,
			quartile
		};
		const s = kpiSentence(hours, 5);
		expect(s.text).toBe(
			`Bei den Stunden je Beitrag liegt Ihr Jobcenter mit 1,5 ${where} der Vergleichsgruppe (Median 1,2). ${judged}`
		);
		expect(s.tone).toBe(tone);
	});

	it.each([1, 2, 3, 4] as const)(
		'a neutral KPI in quartile %i is described, never judged',
		(quartile) => {
			const fte: NarrativeInput = {
				...reach,
				id: 'fte_per_10000_elb',
				label: 'VZÄ je 10.000 eLb',
				unit: 'fte_per_10000_elb',
				better: 'neutral',
				value: 0.42,
				median: 0.3,
				quartile
			};
			const s = kpiSentence(fte, 5);
			expect(s.text).toMatch(
				/^Beim Personaleinsatz in VZÄ je 10\.000 eLb liegt Ihr Jobcenter mit 0,42 im/
			);
			expect(s.text).toContain('(Median 0,30)');
			expect(s.text).not.toMatch(JUDGING);
			expect(s.tone).toBe('neutral');
		}
	);

	it('gives the value but no position and no judgement when the group is too small', () => {
		const s = kpiSentence({ ...reach, suppressed: true, quartile: null, median: null }, 5);
		expect(s.text).toBe(
			'Bei der Reichweite je 1.000 eLb liegt Ihr Jobcenter bei 12,3. Einen Vergleich gibt es nicht: In der Vergleichsgruppe haben weniger als 5 Jobcenter Werte (zu wenige Vergleichswerte).'
		);
		expect(s.text).not.toMatch(JUDGING);
		expect(s.tone).toBe('neutral');
	});

	it('says that there is no value when the own value is null, even when peers have one', () => {
		for (const suppressed of [false, true]) {
			const s = kpiSentence({ ...reach, value: null, quartile: null, suppressed }, 5);
			expect(s.text).toBe(
				'Zur Kennzahl „Reichweite je 1.000 eLb“ liegen für Ihr Jobcenter im Zeitraum keine Werte vor.'
			);
			expect(s.tone).toBe('neutral');
		}
	});

	it('a raw count without peer statistics gets its value only', () => {
		const s = kpiSentence({ ...reach, hidden: true }, 5);
		expect(s).toEqual({
			kpi: 'reach_per_1000_elb',
			text: 'Bei der Reichweite je 1.000 eLb liegt Ihr Jobcenter bei 12,3.',
			tone: 'neutral'
		});
	});

	it('percent values carry their unit and a KPI without its own phrase gets the general one', () => {
		const s = kpiSentence(
			{ ...reach, id: 'reach', label: 'Reichweite (Brutto)', unit: 'count', quartile: 3 },
			5
		);
		expect(s.text).toMatch(/^Bei der Kennzahl „Reichweite \(Brutto\)“ liegt/);
		const pct = kpiSentence(
			{ ...reach, id: 'engagement_rate_pct', unit: 'pct', value: 4.25, median: 3 },
			5
		);
		expect(pct.text).toContain('mit 4,3 % im oberen Quartil der Vergleichsgruppe (Median 3,0 %)');
	});
});

describe('the Antwortzeit sentence', () => {
	const answer: NarrativeInput = {
		id: 'response_hours',
		label: 'Antwortzeit',
		unit: 'duration_hours',
		better: 'lower',
		value: 2.94,
		suppressed: false,
		quartile: 1,
		median: 8.4
	};

	it('says how fast the jobcenter answers against the peers, a short time being a strength', () => {
		expect(kpiSentence(answer, 5)).toEqual({
			kpi: 'response_hours',
			text: 'Bei der Antwortzeit liegt Ihr Jobcenter mit 2,9 Std. im unteren Quartil der Vergleichsgruppe (Median 8,4 Std.). Das ist eine Stärke Ihres Jobcenters.',
			tone: 'good'
		});
		const original = getLocale;
		overwriteGetLocale(() => 'en');
		try {
			expect(kpiSentence({ ...answer, value: 72, quartile: 4 }, 5).text).toBe(
				'For the answer time, your jobcenter is in the top quartile of the peer group with 3 days (median 8.4 hrs). This is a field for action.'
			);
		} finally {
			overwriteGetLocale(original);
		}
	});

	it('speaks of days from 48 hours on, in the dative after „mit“, and calls a long wait a field', () => {
		const slow = kpiSentence({ ...answer, value: 84, median: 50.4, quartile: 4 }, 5);
		expect(slow.text).toBe(
			'Bei der Antwortzeit liegt Ihr Jobcenter mit 3,5 Tagen im oberen Quartil der Vergleichsgruppe (Median 2,1 Tage). Das ist ein Handlungsfeld.'
		);
		expect(slow.tone).toBe('bad');
	});

	it('is part of the resonance summary', () => {
		const kpis = [answer, { ...reach, id: 'dialog_rate_pct' as const }];
		expect(areaSummary('resonance', kpis, 5).map((s) => s.kpi)).toEqual([
			'dialog_rate_pct',
			'response_hours'
		]);
	});
});

describe('areaSummary', () => {
	it('speaks about the summary KPIs of the area in order, and skips the others', () => {
		const kpis = [
			{ ...reach, id: 'followers_per_1000_elb' as const },
			reach,
			{ ...reach, id: 'engagement_rate_pct' as const }
		];
		expect(areaSummary('reach', kpis, 5).map((s) => s.kpi)).toEqual([
			'reach_per_1000_elb',
			'followers_per_1000_elb'
		]);
	});
});
