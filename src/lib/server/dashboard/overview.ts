/** The KPI overview of one jobcenter: filters with defaults, the comparison, the previous period and sparklines. */
import { uiLocale } from '$lib/i18n/locale';
import type { Viewer } from '$lib/server/auth/authorise';
import { KPIS, type KpiId } from '$lib/server/kpi/catalogue';
import { computeMonthlyKpis } from '$lib/server/kpi/compute';
import { compare, type KpiRequest } from '$lib/server/kpi/engine';
import { previousPeriod } from '$lib/server/kpi/request';
import { elbAt, type DataSource, type JobcenterRecord } from '$lib/server/kpi/types';
import { forRole } from '$lib/server/kpi/visibility';
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
	const now = await compare(source, request(self, f));
	const previous = previousPeriod(f.from, f.to);
	const before = await compare(source, request(self, f, previous.from, previous.to));
	const rows =
		(await source.metricRows([self.id], f.from, f.to, request(self, f).channels ?? null)).get(
			self.id
		) ?? [];
	const scope = {
		from: f.from,
		to: f.to,
		channels: f.channels.length ? new Set(f.channels) : null
	};
	const monthly = computeMonthlyKpis(
		rows,
		scope,
		(month) => elbAt(self.elbHistory, month),
		source.settings
	);
	const locale = uiLocale();

	const cards = now.kpis.map((k, i) => {
		const shown = forRole(k, viewer.role);
		const def = KPIS[i];
		const old = before.kpis[i].value;
		return {
			id: k.id as KpiId,
			area: k.area,
			unit: k.unit,
			better: k.better,
			label: def.label[locale],
			value: k.value,
			median: shown.peer?.median ?? null,
			p25: shown.peer?.p25 ?? null,
			p75: shown.peer?.p75 ?? null,
			percentile: shown.percentile,
			quartile: shown.quartile,
			suppressed: k.suppressed && !shown.hidden,
			hidden: shown.hidden,
			n: k.n,
			previous: old,
			change:
				k.value !== null && old !== null && old !== 0
					? ((k.value - old) / Math.abs(old)) * 100
					: null,
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
