/** The KPI overview of one jobcenter: filters with defaults, the comparison, the previous period and sparklines. */
import { uiLocale } from '$lib/i18n/locale';
import type { Viewer } from '$lib/server/auth/authorise';
import { KPIS, type KpiId } from '$lib/server/kpi/catalogue';
import type { KpiRequest } from '$lib/server/kpi/engine';
import { audienceOf, comparison, ownMonthly, peerPosition } from '$lib/server/kpi/present';
import { previousPeriod } from '$lib/server/kpi/request';
import type { DataSource, JobcenterRecord } from '$lib/server/kpi/types';
import { kpiRequest, type Filters } from './view';

function request(self: JobcenterRecord, f: Filters, from = f.from, to = f.to): KpiRequest {
	return { ...kpiRequest(self, f), from, to };
}

export async function overview(
	source: DataSource,
	viewer: Viewer,
	self: JobcenterRecord,
	f: Filters
) {
	const audience = audienceOf(viewer.role);
	const now = await comparison(source, request(self, f), audience);
	const previous = previousPeriod(f.from, f.to);
	const before = await comparison(source, request(self, f, previous.from, previous.to), audience);
	const monthly = await ownMonthly(source, self, request(self, f));
	const locale = uiLocale();

	const cards = now.kpis.map((k, i) => {
		const old = before.kpis[i].value;
		const { value } = k;
		return {
			id: k.id as KpiId,
			area: k.area,
			unit: k.unit,
			better: k.better,
			label: KPIS[i].label[locale],
			...peerPosition(k),
			previous: old,
			change:
				value !== null && old !== null && old !== 0 ? ((value - old) / Math.abs(old)) * 100 : null,
			spark: [...monthly.values()].map((v) => v[k.id as KpiId])
		};
	});
	return {
		period: now.period,
		members: now.peers.members,
		previous,
		months: [...monthly.keys()],
		cards
	};
}
