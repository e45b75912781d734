/** A matrix cell's figure as the table shows it: the KPI in its unit, a dash where there is none. */
import { formatKpi } from '$lib/kpi-format';

export const cellText = (v: number | null, unit: string) => (v === null ? '–' : formatKpi(v, unit));
