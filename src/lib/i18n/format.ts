/** Numbers and months in the reader's language through Intl: `1.234,5` and `Jan. 2026` in German. */
import { uiLocale } from '$lib/i18n/locale';

function tag(): string {
	return uiLocale() === 'en' ? 'en-GB' : 'de-DE';
}

/** Building an Intl formatter costs about as much as rendering a table row, so each is built once. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
	let formatter = formatters.get(key);
	if (!formatter) formatters.set(key, (formatter = make()));
	return formatter as F;
}

export function formatNumber(value: number, fractionDigits = 0): string {
	const locale = tag();
	return cached(
		`number ${locale} ${fractionDigits}`,
		() =>
			new Intl.NumberFormat(locale, {
				minimumFractionDigits: fractionDigits,
				maximumFractionDigits: fractionDigits
			})
	).format(value);
}

/** From two days on, a wait reads better in days: `2,5 Std.`, but `3 Tage` rather than `72,0 Std.`. */
const DAYS_FROM_HOURS = 48;

const DURATION: Record<'hours' | 'days', Intl.NumberFormatOptions> = {
	hours: { style: 'unit', unit: 'hour', unitDisplay: 'short', minimumFractionDigits: 1 },
	days: { style: 'unit', unit: 'day', unitDisplay: 'long' }
};

/**
 * A span of time given in hours: `2,5 Std.` / `2.5 hrs`, from 48 hours on `3 Tage` / `3 days`.
 * `dative` is for German sentences after „mit“ or „bei“ („mit 3 Tagen“), a case Intl does not know.
 */
export function formatDuration(hours: number, dative = false): string {
	const locale = tag();
	const unit = hours >= DAYS_FROM_HOURS ? 'days' : 'hours';
	const text = cached(
		`duration ${locale} ${unit}`,
		() => new Intl.NumberFormat(locale, { ...DURATION[unit], maximumFractionDigits: 1 })
	).format(unit === 'days' ? hours / 24 : hours);
	// From 48 hours on there are always at least two days, so the plural is the only form.
	return dative && locale === 'de-DE' ? text.replace(/ Tage$/, ' Tagen') : text;
}

/** `2026-01` → `Jan. 2026` (short) or `Januar 2026` (long). */
export function formatMonth(month: string, style: 'short' | 'long' = 'short'): string {
	const [year, mon] = month.split('-').map(Number);
	const locale = tag();
	return cached(
		`month ${locale} ${style}`,
		() => new Intl.DateTimeFormat(locale, { month: style, year: 'numeric', timeZone: 'UTC' })
	).format(Date.UTC(year, mon - 1, 1));
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
