/** The round matrix as the page `/runden/[id]/matrix` shows it: the query read, the matrix built and labelled. */
import { error } from '@sveltejs/kit';
import { CHANGE_DIRECTION, CHANGE_JUDGEMENT } from '$lib/change-words';
import { m } from '$lib/paraglide/messages';
import { uiLocale } from '$lib/i18n/locale';
import type { Viewer } from '$lib/server/auth/authorise';
import { today } from '$lib/server/clock';
import { KPI_IDS, KPIS, UNIT_LABELS, type KpiId } from '$lib/server/kpi/catalogue';
import { roundContext } from './context';
import { roundChanges } from './change';
import { firstDirection, roundMatrix, type MatrixCell, type MatrixSort } from './matrix';
import { numberFormat, type Cell, type Column, type Table } from './table';
import { choice, pathId, query, shown } from '$lib/server/params';
import { db, kpiSource } from '$lib/server/startup';

/** `?fassung=teilnehmende`: with pseudonyms, for handing out, as the round report's handout. */
const HANDOUT = 'teilnehmende';
const DIRECTIONS = { auf: 'ascending', ab: 'descending' } as const;

/** `sortierung`: a KPI's id or `name`; `richtung`: `auf` or `ab` (by default the better values first). */
const MATRIX_QUERY = {
	fassung: choice([HANDOUT]),
	sortierung: choice(['name', ...KPI_IDS], (value) => m.matrix_bad_sort({ value: shown(value) })),
	richtung: choice(['auf', 'ab'] as const, (value) =>
		m.matrix_bad_direction({ value: shown(value) })
	)
};

function requestedSort(by: 'name' | KpiId | null, richtung: 'auf' | 'ab' | null): MatrixSort {
	const kpi = by === null || by === 'name' ? null : by;
	const fallback =
		kpi === null ? 'ascending' : firstDirection(KPIS.find((k) => k.id === kpi)!.better);
	return { by: kpi, direction: richtung === null ? fallback : DIRECTIONS[richtung] };
}

/** The matrix page's data, shared by the page and its table export so that both show the same. */
export async function matrixPage(viewer: Viewer, url: URL, idParam: string) {
	const id = pathId(idParam);
	const { fassung, sortierung, richtung } = query(url.searchParams, MATRIX_QUERY);
	const context = id === null ? null : await roundContext(db(), kpiSource(), id);
	if (!context) error(404, { message: m.round_not_found() });
	const handout = fassung === HANDOUT;
	const changes = await roundChanges(db(), kpiSource(), context.round.id);
	const matrix = await roundMatrix(context, {
		changes,
		version: handout ? 'handout' : 'named',
		role: viewer.role,
		sort: requestedSort(sortierung, richtung)
	});
	const locale = uiLocale();
	const label = (kpiId: KpiId) => KPIS.find((k) => k.id === kpiId)!.label[locale];
	const { round } = context;
	return {
		round: { id: round.id, name: round.name, from: round.from, to: round.to },
		closedAt: context.closedAt,
		today: today(),
		members: context.participants.length,
		minPeers: context.source.settings.minPeers,
		handout,
		sort: matrix.sort,
		columns: matrix.columns.map((c) => ({
			...c,
			label: label(c.id),
			// "Follower je 1.000 eLb" says its unit already.
			unitLabel: label(c.id).endsWith(UNIT_LABELS[c.unit][locale])
				? null
				: UNIT_LABELS[c.unit][locale],
			firstDirection: firstDirection(c.better)
		})),
		rows: matrix.rows,
		predecessor: changes && {
			name: changes.predecessor.name,
			from: changes.predecessor.from,
			to: changes.predecessor.to
		},
		withheld: matrix.withheld.map(label)
	};
}

/**
 * The matrix as one table for Excel: a row per participant, per KPI its value, its quartile and, where
 * the round has a predecessor, its change in words; then the round's median. Built from the page's data
 * alone, so the file holds what the page shows.
 */
export function matrixExport(data: Awaited<ReturnType<typeof matrixPage>>): {
	name: string;
	tables: Table[];
} {
	const named = !data.handout;
	const travel = data.predecessor !== null;
	const header = (c: (typeof data.columns)[number]) =>
		c.unitLabel ? `${c.label} (${c.unitLabel})` : c.label;
	const columns: Column[] = [
		{ header: m.export_col_jobcenter(), width: 36 },
		...(named ? [{ header: m.export_col_code(), width: 10 }] : []),
		...data.columns.flatMap((c) => [
			{ header: header(c), numFmt: numberFormat(c.unit) },
			{ header: `${m.export_col_quartile()}: ${c.label}`, width: 10 },
			...(travel ? [{ header: `${m.matrix_col_change()}: ${c.label}`, width: 24 }] : [])
		])
	];
	const change = (c: MatrixCell['change']): Cell[] =>
		!travel ? [] : [c && `${CHANGE_DIRECTION[c.direction]()}, ${CHANGE_JUDGEMENT[c.judgement]()}`];
	const quartile = (q: number | null) =>
		q === null ? null : m.matrix_quartile_short({ quartile: q });
	const rows: Cell[][] = data.rows.map((row) => [
		row.label,
		...(named ? [row.code] : []),
		...row.cells.flatMap((cell) => [cell.value, quartile(cell.quartile), ...change(cell.change)])
	]);
	rows.push([
		m.matrix_median(),
		...(named ? [null] : []),
		...data.columns.flatMap((c) => [c.median, null, ...(travel ? [null] : [])])
	]);
	const version = named ? '' : '-teilnehmende';
	return {
		name: `benchlearn-runde-${data.round.id}-uebersicht${version}`,
		tables: [{ title: m.matrix_title(), columns, rows }]
	};
}
