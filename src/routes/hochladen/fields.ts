/** How the previews name fields, encodings and delimiters and write values, in the page language. */
import { METRIC_LABELS } from '$lib/metricLabels';
import { formatMonth, formatNumber } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';
import type { Preview } from './preview.server';

export const FIELDS: Record<string, () => string> = {
	jobcenter: m.upload_field_jobcenter,
	month: m.upload_field_month,
	channel: m.upload_field_channel,
	...METRIC_LABELS,
	code: m.col_code,
	name: m.col_name,
	state: m.col_state,
	carrier: m.col_carrier,
	elb: m.col_elb,
	ring: m.col_ring,
	valid_from: m.upload_field_valid_from
};

export const ENCODINGS: Record<string, () => string> = {
	'utf-8': () => 'UTF-8',
	'utf-8-bom': m.upload_encoding_utf8_bom,
	'utf-16le': () => 'UTF-16',
	'windows-1252': () => 'Windows-1252'
};
export const DELIMITERS: Record<string, () => string> = {
	';': m.upload_delimiter_semicolon,
	',': m.upload_delimiter_comma,
	'\t': m.upload_delimiter_tab
};

export const value = (v: string | number | null) =>
	v === null
		? '–'
		: typeof v === 'string'
			? v
			: formatNumber(v, Number.isInteger(v) ? 0 : Number.isInteger(v * 10) ? 1 : 2);
const registerValue = (field: string, v: string | number | null) =>
	field === 'ring' && v === null ? m.no_ring() : value(v);
const fieldLabel = (field: string, validFrom?: string) =>
	validFrom ? m.upload_elb_from({ month: formatMonth(validFrom, 'long') }) : FIELDS[field]();
/** Metrics and register changes in one shape: where (channel, month) and each field old → new. */
export function changeRows(preview: Preview) {
	return [
		...preview.changes.map((c) => ({
			line: c.line,
			jobcenter: c.jobcenter,
			where: [c.channel, formatMonth(c.month)],
			diffs: c.diffs.map((d) => ({
				label: FIELDS[d.metric](),
				before: value(d.before),
				after: value(d.after)
			}))
		})),
		...preview.registerChanges.map((c) => ({
			line: c.line,
			jobcenter: c.jobcenter,
			where: [],
			diffs: c.diffs.map((d) => ({
				label: fieldLabel(d.field, d.validFrom),
				before: registerValue(d.field, d.before),
				after: registerValue(d.field, d.after)
			}))
		}))
	];
}
