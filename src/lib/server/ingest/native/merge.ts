/** The rows of several exports of one jobcenter as one row per channel and month, with the conflicts between files named. */
import type { Metric } from '$lib/server/db/schema';
import type { MetricsRow } from '../validate';
import { fileIssue, type NativeFileResult } from './file';

/**
 * The files' rows as one row per channel and month. Two files that bring the same metric for the
 * same month must agree, except that a daily series beats a sum over posts (it counts every day,
 * not only the posts published in the month).
 */
export function merge(results: NativeFileResult[], jobcenterId: number) {
	const byKey = new Map<string, { row: MetricsRow; from: Partial<Record<Metric, number>> }>();
	const rows: MetricsRow[] = [];
	const firstFile: number[] = [];
	const isDaily = (i: number) => results[i].period?.source === 'days';
	results.forEach((result, fileIndex) => {
		if (result.channel === null || result.errors.length > 0) return;
		for (const { month, values } of result.rows) {
			const key = `${result.channel}|${month}`;
			let entry = byKey.get(key);
			if (!entry) {
				const row = { line: rows.length, jobcenterId, channel: result.channel, month, values: {} };
				entry = { row, from: {} };
				byKey.set(key, entry);
				rows.push(row);
				firstFile.push(fileIndex);
			}
			for (const [metric, value] of Object.entries(values) as [Metric, number][]) {
				const earlier = entry.from[metric];
				if (earlier === undefined || entry.row.values[metric] === value) {
					entry.row.values[metric] = value;
					entry.from[metric] = fileIndex;
					continue;
				}
				const detail = (other: number) => `${metric}|${month}|${results[other].fileName}`;
				if (isDaily(earlier) === isDaily(fileIndex)) {
					result.errors.push({ ...fileIssue('native_conflict', detail(earlier)), month });
				} else if (isDaily(fileIndex)) {
					results[earlier].warnings.push({
						...fileIssue('native_overridden', detail(fileIndex)),
						month
					});
					entry.row.values[metric] = value;
					entry.from[metric] = fileIndex;
				} else {
					result.warnings.push({ ...fileIssue('native_overridden', detail(earlier)), month });
				}
			}
		}
	});
	// A complete month whose every metric lacked values sets nothing: no row of empty cells.
	const kept = rows.filter((row) => Object.keys(row.values).length > 0);
	const files = kept.map((row) => firstFile[row.line]);
	// The line is the row's index: the writer's warnings find their row and file by it.
	kept.forEach((row, i) => (row.line = i));
	return { rows: kept, firstFile: files };
}
