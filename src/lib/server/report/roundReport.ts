/**
 * The round report for analysts: every KPI's distribution with each participant labelled, and the table of
 * participants × KPIs with quartiles. The handout version carries pseudonyms only, never a name or code,
 * and, since it goes to every participant however it is printed, follows the presentation layer as the
 * round matrix's handout does: no raw counts, no min/max, no values of a KPI with too few of them.
 */
import { uiLocale } from '$lib/i18n/locale';
import { KPIS, UNIT_LABELS } from '$lib/server/kpi/catalogue';
import { comparableKpis, shownKpi, tableCell } from '$lib/server/kpi/present';
import type { RoundContext } from './context';
import { participantComparisons } from './jobcenterReport';

/** `participant`: the jobcenter of the participant who opens the handout, whose row is marked. */
export async function roundReport(
	context: RoundContext,
	pseudonymised: boolean,
	participant: number | null = null
) {
	const locale = uiLocale();
	const comparisons = await participantComparisons(context);
	// The handout lists by pseudonym, so that its order says nothing about code or name either.
	const people = context.participants
		.map((p) => ({
			id: p.id,
			label: pseudonymised ? p.pseudonym : p.name,
			code: pseudonymised ? null : p.code,
			own: p.id === participant
		}))
		.sort((a, b) => a.label.localeCompare(b.label, 'de', { numeric: true }));

	const audience = pseudonymised ? 'handout' : 'analyst';
	const shown = comparableKpis(audience);
	const kpis = shown.map((def) => {
		const i = KPIS.indexOf(def);
		const found = comparisons.get(people[0]?.id ?? -1)?.kpis[i];
		const first = found && shownKpi(found, audience);
		const cells = people.map((p) => tableCell(comparisons.get(p.id)!.kpis[i], audience));
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
				.map((p, j) => ({ label: p.label, own: p.own, value: cells[j].value }))
				.filter((r): r is { label: string; own: boolean; value: number } => r.value !== null)
				.sort((a, b) => b.value - a.value)
		};
	});
	return {
		people: people.map(({ label, code, own }) => ({ label, code, own })),
		kpis,
		countsLeftOut: shown.length < KPIS.length
	};
}
