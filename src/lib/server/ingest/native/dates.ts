/** Days and periods as the platforms write them: dates in their cells, X's UTC times, and the export period in Meta's and X's file names. */
import { monthRange, type Month } from '$lib/months';

/** A calendar day `YYYY-MM-DD`. */
export type Day = string;

export interface Period {
	from: Day;
	to: Day;
}

const BERLIN = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Berlin',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

function day(year: string, month: string, date: string): Day | null {
	const text = `${year}-${month.padStart(2, '0')}-${date.padStart(2, '0')}`;
	const parsed = new Date(`${text}T00:00:00Z`);
	// `2025-02-30` parses to March: only a day that reads back as itself exists.
	return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text) ? text : null;
}

/** Which part of `a/b/YYYY` is the month: `mdy` as Meta writes it, `dmy` after a German re-save. */
export type SlashOrder = 'mdy' | 'dmy';

const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:$|\s)/;

/**
 * The order of a file's slashed dates, decided from all of them: a first part above 12 proves
 * day-first, a second part above 12 month-first; a file that proves neither (or both) keeps the
 * platform's own order, so that one odd cell does not turn every other date around.
 */
export function slashOrderOf(raws: Iterable<string>, platform: SlashOrder = 'mdy'): SlashOrder {
	let dayFirst = false;
	let monthFirst = false;
	for (const raw of raws) {
		const m = SLASHED.exec(raw.trim());
		if (!m) continue;
		if (Number(m[1]) > 12) dayFirst = true;
		if (Number(m[2]) > 12) monthFirst = true;
	}
	return dayFirst !== monthFirst ? (dayFirst ? 'dmy' : 'mdy') : platform;
}

/**
 * The day of a cell: `2025-01-14…` and `2025/01/14` (ISO-like, the time part ignored, as Meta's
 * daily series shift it with daylight saving), `14.01.2025 09:30` (German Excel's re-save) and
 * `01/14/2025 09:30` (Meta's US-style publish time; `14/01/2025` with `order` `dmy`).
 */
export function parseDay(raw: string, order: SlashOrder = 'mdy'): Day | null {
	const text = raw.trim();
	let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T\s])/.exec(text);
	if (m) return day(m[1], m[2], m[3]);
	m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:$|\s)/.exec(text);
	if (m) return day(m[3], m[2], m[1]);
	m = SLASHED.exec(text);
	if (m) return order === 'mdy' ? day(m[3], m[1], m[2]) : day(m[3], m[2], m[1]);
	return null;
}

/** X writes `2021-11-01 23:30 +0000`; the day is the one it was in Berlin then. */
export function parseUtcTimeAsBerlinDay(raw: string): Day | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*(?:\+0000|Z|UTC)?$/.exec(
		raw.trim()
	);
	if (!m || day(m[1], m[2], m[3]) === null) return null;
	const instant = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}Z`);
	return Number.isNaN(instant.getTime()) ? null : BERLIN.format(instant);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The period a platform wrote into the file name, both ends inclusive: Meta
 * `Jan-14-2025_Apr-14-2025_…`, X `…_20211101_20211201_…`.
 */
export function periodFromFileName(name: string): Period | null {
	const meta = /([A-Z][a-z]{2})-(\d{1,2})-(\d{4})_([A-Z][a-z]{2})-(\d{1,2})-(\d{4})/.exec(name);
	if (meta) {
		const [fm, fd, fy, tm, td, ty] = meta.slice(1);
		const from = day(fy, String(MONTHS.indexOf(fm) + 1), fd);
		const to = day(ty, String(MONTHS.indexOf(tm) + 1), td);
		if (MONTHS.includes(fm) && MONTHS.includes(tm) && from && to && from <= to) return { from, to };
	}
	const x = /(?:^|_)(\d{4})(\d{2})(\d{2})_(\d{4})(\d{2})(\d{2})(?:_|\.|$)/.exec(name);
	if (x) {
		const from = day(x[1], x[2], x[3]);
		const to = day(x[4], x[5], x[6]);
		if (from && to && from <= to) return { from, to };
	}
	return null;
}

export function daysInMonth(month: Month): number {
	const [y, m] = month.split('-').map(Number);
	return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function lastDay(month: Month): Day {
	return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

/** The months the period touches, each with the part of it the period covers. */
export function monthsOf(period: Period): { month: Month; from: Day; to: Day; whole: boolean }[] {
	return monthRange(period.from.slice(0, 7), period.to.slice(0, 7)).map((month) => {
		const from = period.from > `${month}-01` ? period.from : `${month}-01`;
		const to = period.to < lastDay(month) ? period.to : lastDay(month);
		return { month, from, to, whole: from === `${month}-01` && to === lastDay(month) };
	});
}
