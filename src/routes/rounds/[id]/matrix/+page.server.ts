import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { authorise } from '$lib/server/auth/authorise';
import { today } from '$lib/server/clock';
import { KPI_IDS, KPIS, UNIT_LABELS, type KpiId } from '$lib/server/kpi/catalogue';
import { roundContext } from '$lib/server/report/context';
import { firstDirection, roundMatrix, type MatrixSort } from '$lib/server/report/matrix';
import { choice, pathId, query, shown } from '$lib/server/params';
import { db, kpiSource } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

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

export const load: PageServerLoad = async ({ locals, params, url }) => {
	// Analysts only: a jobcenter user gets 403 for every id, so that no round can be probed here.
	const viewer = authorise(locals, 'read_all');
	const id = pathId(params.id);
	const { fassung, sortierung, richtung } = query(url.searchParams, MATRIX_QUERY);
	const context = id === null ? null : await roundContext(db(), kpiSource(), id);
	if (!context) error(404, { message: m.round_not_found() });
	const handout = fassung === HANDOUT;
	const matrix = await roundMatrix(context, {
		version: handout ? 'handout' : 'named',
		role: viewer.role,
		sort: requestedSort(sortierung, richtung)
	});
	const locale = getLocale() === 'en' ? 'en' : 'de';
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
		withheld: matrix.withheld.map(label)
	};
};
