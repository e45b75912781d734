/** A KPI value as text in the reader's language, with as many decimals as its unit needs. */
import { formatDuration, formatNumber } from '$lib/i18n/format';

const DECIMALS: Record<string, number> = {
	count: 0,
	per_1000_elb: 1,
	pct: 1,
	per_post: 1,
	hours: 1,
	fte: 2,
	fte_per_10000_elb: 2,
	per_hour: 1
};

/** The decimals a value of the unit is shown with (answer times: hours with one). */
export function decimalsOf(unit: string): number {
	return DECIMALS[unit] ?? 1;
}

/** `dative`: the value follows „mit“ or „bei“ in a German sentence, which changes „Tage“ to „Tagen“. */
export function formatKpi(value: number, unit: string, dative = false): string {
	if (unit === 'duration_hours') return formatDuration(value, dative);
	const text = formatNumber(value, decimalsOf(unit));
	return unit === 'pct' ? `${text} %` : text;
}

/** A change in percent with its sign: `+12,3 %`, `−4,0 %`. */
export function formatChange(pct: number): string {
	const text = formatNumber(Math.abs(pct), 1);
	return `${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${text} %`;
}
