/**
 * The round report for analysts: every KPI's distribution with each participant labelled, and the table of
 * participants × KPIs with quartiles. The handout version carries pseudonyms only, never a name or code.
 */
import { getLocale } from '$lib/paraglide/runtime';
import { KPIS, UNIT_LABELS } from '$lib/server/kpi/catalogue';
import { isGoodPosition } from '$lib/server/kpi/stats';
import type { RoundContext } from './context';
import { participantComparisons } from './jobcenterReport';

export async function roundReport(context: RoundContext, pseudonymised: boolean) {
	const locale = getLocale() === 'en' ? 'en' : 'de';
	const comparisons = await participantComparisons(context);
	// The handout lists by pseudonym, so that its order says nothing about code or name either.
	const people = context.participants
		.map((p) => ({
			id: p.id,
			label: pseudonymised ? p.pseudonym : p.name,
			code: pseudonymised ? null : p.code
		}))
		.sort((a, b) => a.label.localeCompare(b.label, 'de', { numeric: true }));

	const kpis = KPIS.map((def, i) => {
		const first = comparisons.get(people[0]?.id ?? -1)?.kpis[i];
		const cells = people.map((p) => {
			const k = comparisons.get(p.id)!.kpis[i];
			return { value: k.value, quartile: k.quartile, good: isGoodPosition(def, k.quartile) };
		});
		return {
			id: def.id,
			area: def.area,
			unit: def.unit,
			unitLabel: UNIT_LABELS[def.unit][locale],
			better: def.better,
			label: def.label[locale],
			suppressed: first?.suppressed ?? true,
			n: first?.n ?? 0,
			peer: first?.peer ?? null,
			cells,
			// Highest first: a ranking reads from the top.
			ranking: people
				.map((p, j) => ({ label: p.label, value: cells[j].value }))
				.filter((r): r is { label: string; value: number } => r.value !== null)
				.sort((a, b) => b.value - a.value)
		};
	});
	return { people: people.map(({ label, code }) => ({ label, code })), kpis };
}
