/** The one clock for all month logic: today in Europe/Berlin, pinned by BENCHLEARN_TODAY=YYYY-MM-DD in tests. */
import { addMonths, type Month } from '$lib/months';

const BERLIN_DATE = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Berlin',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** Today's date `YYYY-MM-DD` as seen in Berlin. */
export function today(
	env: Record<string, string | undefined> = process.env,
	now = new Date()
): string {
	const pinned = env.BENCHLEARN_TODAY;
	if (pinned) {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(pinned) || Number.isNaN(Date.parse(pinned))) {
			throw new Error(`BENCHLEARN_TODAY must be a date YYYY-MM-DD, not "${pinned}".`);
		}
		return pinned;
	}
	return BERLIN_DATE.format(now);
}

export function currentMonth(env = process.env, now = new Date()): Month {
	return today(env, now).slice(0, 7);
}

/** The month before the current one: the newest month whose figures can be complete. */
export function lastCompleteMonth(env = process.env, now = new Date()): Month {
	return addMonths(currentMonth(env, now), -1);
}

export function isFutureMonth(month: Month, env = process.env, now = new Date()): boolean {
	return month > currentMonth(env, now);
}
