/** One KPI of one jobcenter in depth: the comparison, the monthly series against the peer band, the distribution. */
import { uiLocale } from '$lib/i18n/locale';
import type { Viewer } from '$lib/server/auth/authorise';
import { kpi, UNIT_LABELS, type KpiId } from '$lib/server/kpi/catalogue';
import {
	audienceOf,
	comparison,
	shownDistribution,
	shownRanking,
	shownSeries
} from '$lib/server/kpi/present';
import type { DataSource, JobcenterRecord } from '$lib/server/kpi/types';
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
	const audience = audienceOf(viewer.role);
	const shown = (await comparison(source, request, audience)).kpis.find((k) => k.id === id)!;
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
		value: shown.value,
		n: shown.n,
		minPeers: source.settings.minPeers,
		suppressed: shown.suppressed,
		hidden: shown.hidden,
		peer: shown.peer,
		percentile: shown.percentile,
		quartile: shown.quartile,
		series: await shownSeries(source, request, id, audience),
		distribution: await shownDistribution(source, request, id, audience),
		ranking: await shownRanking(source, request, id, audience)
	};
}
