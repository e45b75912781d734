/**
 * The Monatsmeldung as a file: the form's fields become rows of Benchlearn's canonical layout, so
 * that the import pipeline checks and writes them exactly as it does an uploaded file, and the
 * pipeline's issues find their way back to the field (channel × metric) they concern.
 */
import { stringify } from 'csv-stringify/sync';
import type { ChannelId } from '$lib/channels';
import { METRICS, type Metric } from '$lib/server/db/schema';
import type { Issue, Lang } from '$lib/server/ingest/messages';

export interface MonthForm {
	code: string;
	month: string;
	/** The channel rows the form shows, in display order. */
	channels: ChannelId[];
	/** What the user typed, by `fieldName(channel, metric)`; a missing or empty field is "no value". */
	values: Record<string, string>;
	/** Channels with a row stored for this month: their empty fields clear stored values. */
	stored: ReadonlySet<ChannelId>;
}

export interface FormFile {
	/** The rows as a CSV file in the UI language's spreadsheet style. */
	csv: string;
	/** The channel of each data row: `lines[0]` is line 2 of the file. */
	lines: ChannelId[];
}

export function fieldName(channel: ChannelId, metric: Metric): string {
	return `${channel}:${metric}`;
}

/**
 * One row per channel that has a value or a stored row. German forms read as German Excel writes
 * (`;`, `1.234,5`), English ones as the canonical file (`,`, `1,234.5`): the number style the user
 * types is the one of the page's language.
 */
export function formFile(form: MonthForm, lang: Lang): FormFile {
	const lines: ChannelId[] = [];
	const records: string[][] = [['jobcenter', 'month', 'channel', ...METRICS]];
	for (const channel of form.channels) {
		const cells = METRICS.map((metric) => (form.values[fieldName(channel, metric)] ?? '').trim());
		if (!form.stored.has(channel) && cells.every((c) => c === '')) continue;
		lines.push(channel);
		records.push([form.code, form.month, channel, ...cells]);
	}
	const delimiter = lang === 'en' ? ',' : ';';
	return { csv: stringify(records, { delimiter, record_delimiter: '\n' }), lines };
}

/** The field an issue of the pipeline concerns, or null for one about the whole form. */
export function fieldOf(
	issue: Issue,
	lines: ChannelId[]
): { channel: ChannelId; metric: Metric } | null {
	const channel = issue.line === null ? undefined : lines[issue.line - 2];
	const metric = METRICS.find((m) => m === issue.column);
	return channel && metric ? { channel, metric } : null;
}
