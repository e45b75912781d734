/** What a round's export contains: for analysts every participant by name, the participants' version as the handout shows it (pseudonyms, no raw counts), for a jobcenter its own figures and the anonymous peer statistics. */
import { m } from '$lib/paraglide/messages';
import { uiLocale } from '$lib/i18n/locale';
import { KPIS, UNIT_LABELS, type Area, type Kpi } from '$lib/server/kpi/catalogue';
import { comparableKpis, comparison, tableCell } from '$lib/server/kpi/present';
import { roundRequest, type Participant, type RoundContext } from './context';
import { AREAS, participantComparisons } from './jobcenterReport';
import { numberFormat, type Table } from './table';

export type ExportView =
	{ kind: 'named' } | { kind: 'pseudonymised' } | { kind: 'own'; self: Participant };

const AREA_TITLE: Record<Area, () => string> = {
	reach: m.area_reach,
	resonance: m.area_resonance,
	effort: m.area_effort
};

function header(kpi: Kpi, locale: 'de' | 'en'): string {
	return `${kpi.label[locale]} (${UNIT_LABELS[kpi.unit][locale]})`;
}

/** One table per area for XLSX, and one with every KPI for CSV. */
export async function roundExport(
	context: RoundContext,
	view: ExportView
): Promise<{ sheets: Table[]; all: Table }> {
	const locale = uiLocale();
	if (view.kind === 'own') return ownExport(context, view.self, locale);
	const comparisons = await participantComparisons(context);
	const named = view.kind === 'named';
	// Only analysts export every participant by name, with every raw figure; the participants'
	// version holds exactly what the printed handout shows: its columns, its values.
	const audience = named ? 'analyst' : 'handout';
	const shown = comparableKpis(audience);
	const people = context.participants
		.map((p) => ({ ...p, label: named ? p.name : p.pseudonym }))
		.sort((a, b) => a.label.localeCompare(b.label, 'de', { numeric: true }));
	const table = (title: string, kpis: Kpi[]): Table => ({
		title,
		columns: [
			{ header: m.export_col_jobcenter() },
			...(named ? [{ header: m.export_col_code(), width: 10 }] : []),
			...kpis.map((k) => ({ header: header(k, locale), numFmt: numberFormat(k.unit) }))
		],
		rows: people.map((p) => {
			const own = comparisons.get(p.id)!.kpis;
			const cells = new Map(own.map((k) => [k.id, tableCell(k, audience).value]));
			return [p.label, ...(named ? [p.code] : []), ...kpis.map((k) => cells.get(k.id)!)];
		})
	});
	return {
		sheets: AREAS.map((area) =>
			table(
				AREA_TITLE[area](),
				shown.filter((k) => k.area === area)
			)
		),
		all: table(m.export_all(), shown)
	};
}

async function ownExport(context: RoundContext, self: Participant, locale: 'de' | 'en') {
	// Whoever downloads it: a jobcenter's export holds what the jobcenter may see.
	const own = await comparison(context.source, roundRequest(context, self.id), 'jobcenter');
	const columns = [
		{ header: m.export_col_kpi() },
		{ header: m.export_col_unit(), width: 18 },
		{ header: m.export_col_own() },
		{ header: m.export_col_n() },
		{ header: m.export_col_p25() },
		{ header: m.export_col_median() },
		{ header: m.export_col_p75() },
		{ header: m.export_col_quartile() }
	];
	const rowsOf = (area: Area | null) =>
		own.kpis
			.filter((k) => area === null || k.area === area)
			.map((k) => {
				const def = KPIS.find((d) => d.id === k.id)!;
				return [
					...(area === null ? [AREA_TITLE[k.area]()] : []),
					def.label[locale],
					UNIT_LABELS[k.unit][locale],
					k.value,
					k.n,
					k.peer?.p25 ?? null,
					k.peer?.median ?? null,
					k.peer?.p75 ?? null,
					k.quartile
				];
			});
	return {
		sheets: AREAS.map((area) => ({ title: AREA_TITLE[area](), columns, rows: rowsOf(area) })),
		all: {
			title: self.name,
			columns: [{ header: m.export_col_area() }, ...columns],
			rows: rowsOf(null)
		}
	};
}
