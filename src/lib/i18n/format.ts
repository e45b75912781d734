/** Numbers and months in the reader's language through Intl: `1.234,5` and `Jan. 2026` in German. */
import { getLocale } from '$lib/paraglide/runtime';

function tag(): string {
	return getLocale() === 'en' ? 'en-GB' : 'de-DE';
}

export function formatNumber(value: number, fractionDigits = 0): string {
	return new Intl.NumberFormat(tag(), {
		minimumFractionDigits: fractionDigits,
		maximumFractionDigits: fractionDigits
	}).format(value);
}

/** `2026-01` → `Jan. 2026` (short) or `Januar 2026` (long). */
export function formatMonth(month: string, style: 'short' | 'long' = 'short'): string {
	const [year, mon] = month.split('-').map(Number);
	return new Intl.DateTimeFormat(tag(), { month: style, year: 'numeric', timeZone: 'UTC' }).format(
		Date.UTC(year, mon - 1, 1)
	);
}

/** An ISO timestamp as `25.11.2026, 14:05` in Berlin time. */
export function formatDateTime(iso: string): string {
	return new Intl.DateTimeFormat(tag(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/Berlin'
	}).format(new Date(iso));
}

/** An ISO timestamp as the date `25.11.2026` in Berlin time. */
export function formatDate(iso: string): string {
	return new Intl.DateTimeFormat(tag(), {
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		timeZone: 'Europe/Berlin'
	}).format(new Date(iso));
}
