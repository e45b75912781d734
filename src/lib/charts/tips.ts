/** The tooltip text of each month of a band chart: own value, and the group's median and middle half where shown. */
import { formatMonth } from '$lib/i18n/format';
import { formatKpi } from '$lib/kpi-format';
import { m } from '$lib/paraglide/messages';

interface Point {
	month: string;
	value: number | null;
	p25: number | null;
	median: number | null;
	p75: number | null;
}

export function bandTips(points: Point[], unit: string): string[] {
	const f = (v: number | null) => (v === null ? m.kpi_no_data() : formatKpi(v, unit));
	return points.map((p) =>
		p.median === null
			? m.kpi_tip_own({ month: formatMonth(p.month), value: f(p.value) })
			: m.kpi_tip({
					month: formatMonth(p.month),
					value: f(p.value),
					median: f(p.median),
					p25: f(p.p25),
					p75: f(p.p75)
				})
	);
}
