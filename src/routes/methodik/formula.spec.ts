import { describe, expect, it } from 'vitest';
import { KPIS, kpi } from '$lib/server/kpi/catalogue';
import { formulaText } from './formula';

describe('formulaText', () => {
	it('writes ratios as ratios of sums, with their factor', () => {
		expect(formulaText(kpi('engagement_rate_pct').formula, 'de', 169)).toBe(
			'Σ Interaktionen ÷ Σ Impressionen × 100'
		);
		expect(formulaText(kpi('hours_per_post').formula, 'de', 169)).toBe(
			'Σ Personalstunden ÷ Σ Beiträge'
		);
	});

	it('formats factors and FTE hours in the reader’s language', () => {
		expect(formulaText(kpi('fte_per_10000_elb').formula, 'de', 169)).toBe('VZÄ ÷ eLb × 10.000');
		expect(formulaText(kpi('fte_per_10000_elb').formula, 'en', 169)).toBe('FTE ÷ eLb × 10,000');
		expect(formulaText(kpi('fte').formula, 'de', 160)).toBe('Personalstunden ÷ 160');
	});

	it('has a formula for every KPI of the catalogue', () => {
		for (const { formula } of KPIS) expect(formulaText(formula, 'de', 169)).toMatch(/\S/);
	});
});
