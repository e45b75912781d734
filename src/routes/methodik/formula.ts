/** A KPI's formula in words and symbols, written out from its catalogue entry for /methodik. */
import type { Flow, Formula, Typical } from '$lib/server/kpi/catalogue';

export type Locale = 'de' | 'en';

const TERMS: Record<Flow | Typical | 'followers' | 'fte', Record<Locale, string>> = {
	posts: { de: 'Beiträge', en: 'posts' },
	impressions: { de: 'Impressionen', en: 'impressions' },
	reach: { de: 'Reichweite', en: 'reach' },
	reactions: { de: 'Reaktionen', en: 'reactions' },
	comments: { de: 'Kommentare', en: 'comments' },
	shares: { de: 'Geteilt', en: 'shares' },
	replies: { de: 'Antworten', en: 'replies' },
	staff_hours: { de: 'Personalstunden', en: 'staff hours' },
	response_hours: { de: 'Antwortzeiten', en: 'answer times' },
	interactions: { de: 'Interaktionen', en: 'interactions' },
	followers: { de: 'Follower', en: 'followers' },
	fte: { de: 'VZÄ', en: 'FTE' }
};

export function formulaText(formula: Formula, locale: Locale, fteHoursPerMonth: number): string {
	const term = (t: keyof typeof TERMS) => TERMS[t][locale];
	const number = (n: number) =>
		new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB').format(n);
	const de = locale === 'de';
	switch (formula.kind) {
		case 'flow':
			return de
				? `Σ ${term(formula.flow)} über die Kanäle je Monat, gemittelt über die Monate mit Daten`
				: `Σ ${term(formula.flow)} over the channels per month, averaged over the months with data`;
		case 'median':
			return de
				? `Median aller gemeldeten ${term(formula.of)} (je Kanal und Monat ein Wert)`
				: `median of all reported ${term(formula.of)} (one value per channel and month)`;
		case 'stock':
			return de
				? 'Σ über die Kanäle: Follower im letzten gemeldeten Monat'
				: 'Σ over the channels: followers in the latest reported month';
		case 'growth':
			return de
				? '(Σ letzte Follower − Σ erste Follower) ÷ Σ erste Follower × 100'
				: '(Σ latest followers − Σ earliest followers) ÷ Σ earliest followers × 100';
		case 'ratio': {
			const factor = formula.factor === 1 ? '' : ` × ${number(formula.factor)}`;
			return `Σ ${term(formula.numerator)} ÷ Σ ${term(formula.denominator)}${factor}`;
		}
		case 'fte':
			return `${term('staff_hours')} ÷ ${number(fteHoursPerMonth)}`;
		case 'per-elb':
			return `${term(formula.of)} ÷ eLb × ${number(formula.per)}`;
	}
}
