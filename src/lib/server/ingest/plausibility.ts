/** Warnings that do not block an import: figures that are possible but worth a second look. */
import type { Metric } from '$lib/server/db/schema';
import type { Issue } from './messages';

export type Figures = Record<Metric, number | null>;

/** 14 days in hours: above this an answer time is worth a second look. */
export const RESPONSE_HOURS_HIGH = 14 * 24;

/** `column` names the file's header for a metric, or the metric itself when the file lacks it. */
export function plausibilityWarnings(
	line: number,
	row: Figures,
	previousFollowers: number | null,
	column: (metric: Metric) => string
): Issue[] {
	const warnings: Issue[] = [];
	const warn = (metric: Metric, code: Issue['code'], detail?: string) =>
		warnings.push({ line, column: column(metric), value: String(row[metric]), code, detail });
	const { followers, impressions, reactions, comments, shares, replies, staff_hours } = row;
	const { response_hours } = row;
	if (followers !== null && previousFollowers !== null && previousFollowers > 0) {
		if (Math.abs(followers - previousFollowers) > previousFollowers / 2) {
			warn('followers', 'followers_jump', `${previousFollowers} → ${followers}`);
		}
	}
	const interactions = [reactions, comments, shares].filter((v) => v !== null);
	if (impressions !== null && interactions.length > 0) {
		if (interactions.reduce((a, b) => a + b, 0) > impressions) {
			warn('impressions', 'interactions_above_impressions');
		}
	}
	if (replies !== null && replies > (comments ?? 0) + 50) warn('replies', 'replies_above_comments');
	if (staff_hours !== null && staff_hours > 400) warn('staff_hours', 'staff_hours_high');
	// Two weeks to a first reply happens, but a value in minutes entered as hours looks the same.
	if (response_hours !== null && response_hours > RESPONSE_HOURS_HIGH) {
		warn('response_hours', 'response_hours_high');
	}
	return warnings;
}
