/** The import pipeline's issues and changes of a Monatsmeldung, mapped back onto the form's fields. */
import { channelName, type ChannelId } from '$lib/channels';
import { m } from '$lib/paraglide/messages';
import type { Metric } from '$lib/server/db/schema';
import type { IngestResult } from '$lib/server/ingest/ingest';
import { issueMessage, type Issue, type Lang } from '$lib/server/ingest/messages';
import { METRIC_LABELS } from '$lib/metricLabels';
import { fieldName, fieldOf } from './rows.server';

/** What the page shows next to its fields and above them. */
export interface Checked {
	/** Field name → the sentences about it. */
	fieldErrors: Record<string, string[]>;
	fieldWarnings: Record<string, string[]>;
	/** The error summary: each links to its field (or to none, for the whole form). */
	errors: { field: string | null; text: string }[];
	warnings: { field: string | null; text: string }[];
	changes: { channel: string; label: string; before: number | null; after: number | null }[];
	inserted: string[];
	updated: number;
}

function mapped(issues: Issue[], lines: ChannelId[], lang: Lang) {
	const byField: Record<string, string[]> = {};
	const listed: { field: string | null; text: string }[] = [];
	for (const issue of issues) {
		const at = fieldOf(issue, lines);
		const message = issueMessage(issue, lang);
		if (!at) {
			listed.push({ field: null, text: message });
			continue;
		}
		const field = fieldName(at.channel, at.metric);
		(byField[field] ??= []).push(message);
		const where = m.monthly_where({
			channel: channelName(at.channel),
			metric: metricLabel(at.metric)
		});
		listed.push({ field, text: `${where}: ${message}` });
	}
	return { byField, listed };
}

export function metricLabel(metric: Metric): string {
	return METRIC_LABELS[metric]();
}

export function checkedOf(result: IngestResult, lines: ChannelId[], lang: Lang): Checked {
	const errors = mapped(result.errors, lines, lang);
	const warnings = mapped(result.warnings, lines, lang);
	const updatedChannels = new Set(result.changes.map((c) => c.channel));
	return {
		fieldErrors: errors.byField,
		fieldWarnings: warnings.byField,
		errors: errors.listed,
		warnings: warnings.listed,
		changes: result.changes.flatMap((c) =>
			(Object.keys(c.after) as Metric[])
				.filter((metric) => (c.before?.[metric] ?? null) !== c.after[metric])
				.map((metric) => ({
					channel: channelName(c.channel),
					label: metricLabel(metric),
					before: c.before?.[metric] ?? null,
					after: c.after[metric]
				}))
		),
		// A form holds one row per channel, so the rows not updated are the new ones (or unchanged).
		inserted:
			result.inserted > 0
				? lines.filter((ch) => !updatedChannels.has(ch)).map((ch) => channelName(ch))
				: [],
		updated: result.updated
	};
}
