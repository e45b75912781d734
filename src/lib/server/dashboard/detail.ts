/** One KPI of one jobcenter in depth: the comparison, the monthly series against the peer band, the distribution. */
import { uiLocale } from '$lib/i18n/locale';
import type { Viewer } from '$lib/server/auth/authorise';
import { can } from '$lib/server/auth/authorise';
import { kpi, UNIT_LABELS, type KpiId } from '$lib/server/kpi/catalogue';
import { compare, distribution, series } from '$lib/server/kpi/engine';
import { ranking } from '$lib/server/kpi/ranking';
import type { DataSource, JobcenterRecord } from '$lib/server/kpi/types';
import { forRole } from '$lib/server/kpi/visibility';
import { kpiRequest, type Filters } from './view';

export async function detail(
	source: DataSource,
	viewer: Viewer,
	self: JobcenterRecord,
	f: Filters,
	id: KpiId
) {
	const request = kpiRequest(self, f);
	const locale = uiLocale();
	const def = kpi(id);
	const comparison = (await compare(source, request)).kpis.find((k) => k.id === id)!;
	const shown = forRole(comparison, viewer.role);
	const points = await series(source, request, id);
	const spread = await distribution(source, request, id);
	const analyst = can(viewer, 'read_all');
	return {
		kpi: {
			id,
			area: def.area,
			unit: def.unit,
			unitLabel: UNIT_LABELS[def.unit][locale],
			better: def.better,
			label: def.label[locale],
			description: def.description
		},
		value: comparison.value,
		n: comparison.n,
		suppressed: comparison.suppressed && !shown.hidden,
		hidden: shown.hidden,
		peer: shown.peer,
		percentile: shown.percentile,
		quartile: shown.quartile,
		// A hidden comparison withholds the band too; the own line stays.
		series: points.map((p) =>
			shown.hidden ? { ...p, p25: null, median: null, p75: null, n: 0, suppressed: true } : p
		),
		distribution: shown.hidden ? [] : spread.values,
		ranking: analyst ? await ranking(source, request, id) : []
	};
}
