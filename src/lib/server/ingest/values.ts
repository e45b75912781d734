/** Reading single cells: numbers in the file's style, months in every usual spelling, channels, Länder, carriers and codes. */
import type { ChannelId } from '$lib/channels';
import type { Carrier, State } from '$lib/server/db/schema';
import { CARRIER_NAMES, CHANNEL_LOOKUP, STATE_NAMES, lookup, normalise } from './aliases';

export type NumberStyle = 'de' | 'en';

/** Data before this month cannot be right: the jobcenters' social-media reporting started later. */
export const EARLIEST_MONTH = '2010-01';

/** Months since the earliest accepted one; valid rows lie between it and the current month. */
export function monthIndex(month: string): number {
	return (
		(Number(month.slice(0, 4)) - Number(EARLIEST_MONTH.slice(0, 4))) * 12 +
		Number(month.slice(5, 7)) -
		1
	);
}

// Thousands groups must be complete (`1.234`, not `1.23`), so that a decimal never passes as grouped.
const NUMBER: Record<NumberStyle, RegExp> = {
	de: /^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/,
	en: /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/
};

/** Spaces inside numbers (`1 234`, also no-break and thin spaces) are thousands separators everywhere. */
function compact(raw: string): string {
	return raw.replace(/[\s\u00a0\u202f]/g, '');
}

/** Which styles can read this text as a number at all; used to decide the style of a whole file. */
export function numberReadings(raw: string): Record<NumberStyle, boolean> {
	const text = compact(raw);
	return { de: NUMBER.de.test(text), en: NUMBER.en.test(text) };
}

const PLAIN = /^\d{1,12}$/;
// The next most common cells: digits, the style's decimal mark, digits (`2,5`), nothing to compact.
const DECIMAL: Record<NumberStyle, RegExp> = {
	de: /^(\d{1,12}),(\d+)$/,
	en: /^(\d{1,12})\.(\d+)$/
};

export type NumberResult =
	| { value: number }
	| {
			error: 'not_a_number' | 'negative' | 'fractional_count' | 'too_many_decimals' | 'too_large';
	  };

/** `decimals` is how many decimal places the value may have: 0 for counts, Infinity for any. */
export function parseNumber(raw: string, style: NumberStyle, decimals: number): NumberResult {
	// Most cells are plain digits: nothing to read but the digits, nothing to check but the size.
	if (PLAIN.test(raw)) return { value: Number(raw) };
	const simple = DECIMAL[style].exec(raw);
	if (simple) return decimalNumber(simple[1], simple[2], decimals);
	const text = compact(raw);
	if (!NUMBER[style].test(text)) return { error: 'not_a_number' };
	const [group, decimal] = style === 'de' ? ['.', ','] : [',', '.'];
	const value = Number(text.replaceAll(group, '').replace(decimal, '.'));
	if (value < 0) return { error: 'negative' };
	// Trailing zeros are Excel's cell format, not precision: `2,50` has one decimal.
	const places = (text.split(decimal)[1] ?? '').replace(/0+$/, '').length;
	if (places > decimals) {
		return { error: decimals === 0 ? 'fractional_count' : 'too_many_decimals' };
	}
	if (value > 1e12) return { error: 'too_large' };
	return { value: Object.is(value, -0) ? 0 : value };
}

/** As the general case below reads `int,fraction`, without its searching and replacing. */
function decimalNumber(int: string, fraction: string, decimals: number): NumberResult {
	const value = Number(`${int}.${fraction}`);
	let places = fraction.length;
	while (places > 0 && fraction.charCodeAt(places - 1) === 48) places--;
	if (places > decimals) {
		return { error: decimals === 0 ? 'fractional_count' : 'too_many_decimals' };
	}
	if (value > 1e12) return { error: 'too_large' };
	return { value };
}

const MONTH_NAMES: [number, string[]][] = [
	[1, ['januar', 'january', 'jan', 'jaenner']],
	[2, ['februar', 'february', 'feb']],
	[3, ['maerz', 'march', 'maer', 'mrz', 'mar']],
	[4, ['april', 'apr']],
	[5, ['mai', 'may']],
	[6, ['juni', 'june', 'jun']],
	[7, ['juli', 'july', 'jul']],
	[8, ['august', 'aug']],
	[9, ['september', 'sept', 'sep']],
	[10, ['oktober', 'october', 'okt', 'oct']],
	[11, ['november', 'nov']],
	[12, ['dezember', 'december', 'dez', 'dec']]
];
const MONTH_BY_NAME = new Map(MONTH_NAMES.flatMap(([n, names]) => names.map((s) => [s, n])));

function month(year: string, mon: number): string | null {
	if (mon < 1 || mon > 12) return null;
	return `${year}-${String(mon).padStart(2, '0')}`;
}

/** Files repeat a few hundred spellings of months and channels on every row: each is read once. */
function remembered<T>(read: (raw: string) => T): (raw: string) => T {
	const seen = new Map<string, T>();
	return (raw) => {
		if (seen.has(raw)) return seen.get(raw) as T;
		const value = read(raw);
		if (seen.size < 10_000) seen.set(raw, value);
		return value;
	};
}

/** `2026-01`, `2026-01-15`, `01/2026`, `1.2026`, `15.01.2026`, `Januar 2026`, `Jan. 2026`, `January 2026` → `2026-01`. */
export const parseMonth = remembered((raw: string): string | null => {
	const text = raw.trim();
	let m = /^(\d{4})-(\d{1,2})(-\d{1,2})?$/.exec(text);
	if (m) return month(m[1], Number(m[2]));
	// Excel turns `01.2026` into a date; the day is then simply ignored.
	m = /^(?:\d{1,2}[./])?(\d{1,2})[./](\d{4})$/.exec(text);
	if (m) return month(m[2], Number(m[1]));
	m = /^([\p{L}]+)\.?\s*(\d{4})$/u.exec(text);
	if (m) {
		const mon = MONTH_BY_NAME.get(normalise(m[1]));
		return mon === undefined ? null : month(m[2], mon);
	}
	return null;
});

export const parseChannel = remembered(
	(raw: string): ChannelId | null => CHANNEL_LOOKUP.get(normalise(raw)) ?? null
);

const STATES = lookup(Object.entries(STATE_NAMES) as [State, string[]][]);
const CARRIERS = lookup(Object.entries(CARRIER_NAMES) as [Carrier, string[]][]);

export function parseState(raw: string): State | null {
	return STATES.get(normalise(raw)) ?? null;
}

export function parseCarrier(raw: string): Carrier | null {
	return CARRIERS.get(normalise(raw)) ?? null;
}

export type CodeMatch = { id: number; code: string; recovered: boolean } | null;

/**
 * Finds jobcenters by code among the ones the uploader may write. Excel drops leading zeros
 * (`05754` → `5754`), so an unknown code is also tried left-padded to each registered length;
 * exactly one hit counts, several are as unknown as none.
 */
export class CodeIndex {
	private readonly exact = new Map<string, number>();
	private readonly byDigits = new Map<string, string[]>();
	private readonly cache = new Map<string, CodeMatch>();

	constructor(jobcenters: { id: number; code: string }[]) {
		for (const { id, code } of jobcenters) {
			this.exact.set(code, id);
			if (!/^\d+$/.test(code)) continue;
			const key = code.replace(/^0+/, '');
			this.byDigits.set(key, [...(this.byDigits.get(key) ?? []), code]);
		}
	}

	find(raw: string): CodeMatch {
		const code = raw.trim();
		const cached = this.cache.get(code);
		if (cached !== undefined) return cached;
		const match = this.lookup(code);
		if (this.cache.size < 10_000) this.cache.set(code, match);
		return match;
	}

	private lookup(code: string): CodeMatch {
		const id = this.exact.get(code);
		if (id !== undefined) return { id, code, recovered: false };
		if (!/^\d+$/.test(code)) return null;
		const candidates = (this.byDigits.get(code.replace(/^0+/, '')) ?? []).filter(
			(c) => c.length > code.length
		);
		if (candidates.length !== 1) return null;
		return { id: this.exact.get(candidates[0]) as number, code: candidates[0], recovered: true };
	}
}
