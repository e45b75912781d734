/** Warnings that do not block an import: figures that are possible but worth a second look. */
import type { Metric } from '$lib/server/db/schema';
import type { Issue } from './messages';

export type Figures = Record<Metric, number | null>;

/** 14 days in hours: above this an answer time is worth a second look. */
export const RESPONSE_HOURS_HIGH = 14 * 24;

/**
 * `column` names the file's header for a metric, or the metric itself when the file lacks it. Runs
 * for every row of a file: no closures here, as each would be made anew for each row.
 */
export function plausibilityWarnings(
	line: number,
	row: Figures,
	previousFollowers: number | null,
	column: (metric: Metric) => string
): Issue[] {
	const warnings: Issue[] = [];
	const warn = { warnings, line, row, column };
	const { followers, impressions, reactions, comments, shares, replies, staff_hours } = row;
	const { response_hours } = row;
	if (followers !== null && previousFollowers !== null && previousFollowers > 0) {
		if (Math.abs(followers - previousFollowers) > previousFollowers / 2) {
			add(warn, 'followers', 'followers_jump', `${previousFollowers} → ${followers}`);
		}
	}
	if (impressions !== null && (reactions ?? comments ?? shares) !== null) {
		if ((reactions ?? 0) + (comments ?? 0) + (shares ?? 0) > impressions) {
			add(warn, 'impressions', 'interactions_above_impressions');
		}
	}
	if (replies !== null && replies > (comments ?? 0) + 50) {
		add(warn, 'replies', 'replies_above_comments');
	}
	if (staff_hours !== null && staff_hours > 400) add(warn, 'staff_hours', 'staff_hours_high');
	// Two weeks to a first reply happens, but a value in minutes entered as hours looks the same.
	if (response_hours !== null && response_hours > RESPONSE_HOURS_HIGH) {
		add(warn, 'response_hours', 'response_hours_high');
	}
	return warnings;
}

interface Warn {
	warnings: Issue[];
	line: number;
	row: Figures;
	column: (metric: Metric) => string;
}

function add(to: Warn, metric: Metric, code: Issue['code'], detail?: string): void {
	const { line, row, column } = to;
	to.warnings.push({ line, column: column(metric), value: String(row[metric]), code, detail });
}
