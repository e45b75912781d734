import { describe, expect, it } from 'vitest';
import { KPI_IDS, KPIS, isKpiId, kpi } from './catalogue';
import { DEFAULT_SETTINGS, readKpiSettings } from './settings';

describe('the KPI catalogue', () => {
	it('defines the 17 KPIs of the issue and the Antwortzeit once, in display order by area', () => {
		expect(KPIS.map((k) => k.id)).toEqual([...KPI_IDS]);
		expect(new Set(KPI_IDS).size).toBe(18);
		const areas = KPIS.map((k) => k.area);
		expect(areas).toEqual(
			[...areas].sort(
				(a, b) => 'reach resonance effort'.indexOf(a) - 'reach resonance effort'.indexOf(b)
			)
		);
	});

	it('judges effort figures only where more or less is really better', () => {
		const neutral = KPIS.filter((k) => k.better === 'neutral').map((k) => k.id);
		expect(neutral).toEqual(['posts', 'staff_hours', 'fte', 'fte_per_10000_elb']);
		expect(kpi('hours_per_post').better).toBe('lower');
	});

	it('has the Antwortzeit in the resonance area as the median of hours, lower being better', () => {
		expect(kpi('response_hours')).toMatchObject({
			area: 'resonance',
			unit: 'duration_hours',
			better: 'lower',
			formula: { kind: 'median', of: 'response_hours' },
			label: { de: 'Antwortzeit', en: 'Answer time' }
		});
		expect(kpi('response_hours').description).toContain('erste');
	});

	it('explains every KPI in German and names it in both languages', () => {
		for (const k of KPIS) {
			expect(k.label.de.length).toBeGreaterThan(1);
			expect(k.label.en.length).toBeGreaterThan(1);
			expect(k.description.length).toBeGreaterThan(40);
		}
		expect(kpi('reach').description).toContain('Brutto-Reichweite');
		expect(isKpiId('posts')).toBe(true);
		expect(isKpiId('likes')).toBe(false);
	});
});

describe('readKpiSettings', () => {
	it('defaults to 5 peers and 169 hours and reads overrides', () => {
		expect(readKpiSettings({})).toEqual(DEFAULT_SETTINGS);
		expect(readKpiSettings({ MIN_PEERS: '3', FTE_HOURS_PER_MONTH: '160.5' })).toEqual({
			minPeers: 3,
			fteHoursPerMonth: 160.5
		});
	});

	it('refuses values that would break the statistics', () => {
		expect(() => readKpiSettings({ MIN_PEERS: '2.5' })).toThrow(/MIN_PEERS/);
		expect(() => readKpiSettings({ MIN_PEERS: '0' })).toThrow(/MIN_PEERS/);
		expect(() => readKpiSettings({ FTE_HOURS_PER_MONTH: 'viel' })).toThrow(/FTE_HOURS_PER_MONTH/);
	});
});
