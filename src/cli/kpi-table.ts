/** The KPI comparison as a plain German text table for the terminal, one block per area. */
import { formatMonth, formatNumber } from '$lib/i18n/format';
import { formatKpi } from '$lib/kpi-format';
import { m } from '$lib/paraglide/messages';
import { kpi, UNIT_LABELS, type Area } from '$lib/server/kpi/catalogue';
import type { Shown, ShownKpi } from '$lib/server/kpi/present';

const AREA_NAMES: Record<Area, () => string> = {
	reach: m.area_reach,
	resonance: m.area_resonance,
	effort: m.area_effort
};

const HEADER = [
	'Kennzahl',
	'Wert',
	'Einheit',
	'n',
	'25 %',
	'Median',
	'75 %',
	'Min',
	'Max',
	'Perzentil',
	'Quartil',
	'Hinweis'
];

function cells(k: ShownKpi): string[] {
	const value = (v: number | null | undefined) => (v == null ? '–' : formatKpi(v, k.unit));
	const label = kpi(k.id).label.de;
	const unit = UNIT_LABELS[k.unit].de;
	const own = k.value === null ? 'keine Daten' : value(k.value);
	// An analyst, as the command line reads, always knows the group size.
	const count = k.n === null ? '–' : String(k.n);
	if (k.suppressed) {
		return [label, own, unit, count, ...Array(7).fill('–'), 'zu wenige Vergleichswerte'];
	}
	const p = k.peer;
	const percentile = k.percentile === null ? '–' : formatNumber(k.percentile, 0);
	// Min and max are the analysts' only; an audience without them gets a dash.
	const range = p && 'min' in p ? [p.min, p.max] : [null, null];
	const rest = [p?.p25, p?.median, p?.p75, ...range].map(value);
	return [
		label,
		own,
		unit,
		count,
		...rest,
		percentile,
		k.quartile === null ? '–' : String(k.quartile),
		''
	];
}

function layout(rows: string[][]): string[] {
	const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
	// Text columns to the left, figures to the right, as in a printed table.
	return rows.map((r) =>
		r
			.map((c, i) => (i === 0 || i === 2 || i === 11 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
			.join('  ')
			.trimEnd()
	);
}

export function kpiTable(result: Shown, jobcenterName: string): string {
	const { from, to } = result.period;
	const lines = [
		`${jobcenterName} (${result.jobcenter.code})`,
		`Zeitraum: ${formatMonth(from)} bis ${formatMonth(to)}`,
		`Vergleichsgruppe: ${result.peers.group} (${result.peers.members} Jobcenter)`
	];
	const rows = [HEADER, ...result.kpis.map(cells)];
	const [header, ...body] = layout(rows);
	let area: Area | null = null;
	for (const [i, line] of body.entries()) {
		if (result.kpis[i].area !== area) {
			area = result.kpis[i].area;
			lines.push('', AREA_NAMES[area]().toUpperCase(), header, '-'.repeat(header.length));
		}
		lines.push(line);
	}
	return lines.join('\n') + '\n';
}
