/** Calendar months as `YYYY-MM` strings: arithmetic and ranges, free of time zones. */

export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
	return MONTH.test(value);
}

export function addMonths(month: Month, n: number): Month {
	const [y, m] = month.split('-').map(Number);
	const index = y * 12 + (m - 1) + n;
	return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included; empty when `from` is after `to`. */
export function monthRange(from: Month, to: Month): Month[] {
	const months: Month[] = [];
	for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
	return months;
}
