/**
 * The round matrix: every participant × every KPI of a round, each cell with its value and its quartile
 * within the round, sorted by any KPI. The named version is for analysts; the handout version carries
 * pseudonyms only, and only what the presentation layer lets every participant see.
 */
import type { Role } from '$lib/server/db/schema';
import { KPIS, type Area, type Better, type KpiId, type Unit } from '$lib/server/kpi/catalogue';
import type { Comparison } from '$lib/server/kpi/engine';
import { audienceOf, shownKpi } from '$lib/server/kpi/present';
import type { Quartile } from '$lib/server/kpi/stats';
import type { Direction, Judgement, KpiChange, RoundChanges } from './change';
import type { Participant, RoundContext } from './context';
import { participantComparisons } from './jobcenterReport';

export type MatrixVersion = 'named' | 'handout';
export type SortDirection = 'ascending' | 'descending';

/** `by` null: by name (or pseudonym). */
export interface MatrixSort {
	by: KpiId | null;
	direction: SortDirection;
}

export interface MatrixColumn {
	id: KpiId;
	area: Area;
	unit: Unit;
	better: Better;
	/** Participants with a value; null where the version may not say (`groupSize`). */
	n: number | null;
	/** Fewer than the minimum group size have a value: no quartiles. */
	suppressed: boolean;
	median: number | null;
}

export interface MatrixCell {
	value: number | null;
	quartile: Quartile | null;
	/** Against the same participant in the round's predecessor; null without one or without a value. */
	change: { direction: Direction; judgement: Judgement } | null;
}

export interface MatrixRow {
	label: string;
	/** The Kennung in the named version; null in the handout. */
	code: string | null;
	cells: MatrixCell[];
}

export interface Matrix {
	columns: MatrixColumn[];
	rows: MatrixRow[];
	sort: MatrixSort;
	/** KPIs the handout leaves out, because they are raw counts. */
	withheld: KpiId[];
}

/** The matrix of a round, from its live or frozen figures (`roundContext` decides which). */
export async function roundMatrix(context: RoundContext, options: MatrixOptions): Promise<Matrix> {
	return buildMatrix(context.participants, await participantComparisons(context), options);
}

export interface MatrixOptions {
	version: MatrixVersion;
	role: Role;
	sort: MatrixSort;
	/** The participants' changes against the predecessor (`roundChanges`), where the round names one. */
	changes?: RoundChanges | null;
}

export function buildMatrix(
	participants: readonly Participant[],
	comparisons: ReadonlyMap<number, Comparison>,
	options: MatrixOptions
): Matrix {
	const named = options.version === 'named';
	// Visibility first, so that neither the cells nor the order can carry a withheld value.
	const people = participants.map((p) => ({
		label: named ? p.name : p.pseudonym,
		code: named ? p.code : null,
		kpis: comparisons
			.get(p.id)!
			.kpis.map((k) => shownKpi(k, named ? audienceOf(options.role) : 'handout')),
		// In catalogue order, as the comparisons' KPIs.
		changes: options.changes?.byJobcenter.get(p.id) ?? null
	}));
	// One group and one unit per KPI: whether it is hidden or suppressed is the same in every row.
	const kept = KPIS.map((def, i) => ({ def, i, first: people[0]?.kpis[i] })).filter(
		({ first }) => !first?.hidden
	);
	const columns = kept.map(({ def, first }) => ({
		id: def.id,
		area: def.area,
		unit: def.unit,
		better: def.better,
		n: first ? first.n : 0,
		suppressed: first?.suppressed ?? true,
		median: first?.peer?.median ?? null
	}));
	const rows = people.map((p) => ({
		label: p.label,
		code: p.code,
		cells: kept.map(({ i }) => ({
			value: p.kpis[i].value,
			quartile: p.kpis[i].quartile as Quartile | null,
			// A change tells of the value, so it is shown only where the value is.
			change: p.kpis[i].value === null ? null : changeMark(p.changes?.[i])
		}))
	}));
	const index = columns.findIndex((c) => c.id === options.sort.by);
	// A KPI the version does not show cannot order it.
	const sort: MatrixSort =
		options.sort.by !== null && index < 0 ? { by: null, direction: 'ascending' } : options.sort;
	return {
		columns,
		rows: sortRows(rows, sort.by === null ? null : index, sort.direction),
		sort,
		withheld: KPIS.filter((def) => !kept.some((k) => k.def === def)).map((def) => def.id)
	};
}

function changeMark(change: KpiChange | undefined): MatrixCell['change'] {
	if (!change?.direction || !change.judgement) return null;
	return { direction: change.direction, judgement: change.judgement };
}

/** The direction a first click on a KPI sorts in: the better values first, the highest for neutral KPIs. */
export function firstDirection(better: Better): SortDirection {
	return better === 'lower' ? 'ascending' : 'descending';
}

const byLabel = (a: MatrixRow, b: MatrixRow) =>
	a.label.localeCompare(b.label, 'de', { numeric: true });

/** By the column's values (rows without a value last, whatever the direction), ties by label; null: by label. */
export function sortRows(
	rows: readonly MatrixRow[],
	column: number | null,
	direction: SortDirection
): MatrixRow[] {
	const sign = direction === 'ascending' ? 1 : -1;
	return [...rows].sort((a, b) => {
		if (column === null) return sign * byLabel(a, b);
		const x = a.cells[column].value;
		const y = b.cells[column].value;
		if (x === null || y === null) return x === y ? byLabel(a, b) : x === null ? 1 : -1;
		return sign * (x - y) || byLabel(a, b);
	});
}
