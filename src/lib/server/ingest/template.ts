/** The downloadable templates (Vorlagen): the German headers of the alias list and one example row, for Excel. */
import {
	METRICS_COLUMNS,
	REGISTER_COLUMNS,
	type MetricsField,
	type RegisterField
} from './aliases';
import { excelCsv } from '$lib/server/csv';

const METRICS_EXAMPLE: Record<MetricsField, string> = {
	jobcenter: '',
	month: '',
	channel: 'Facebook',
	followers: '1.234',
	posts: '12',
	impressions: '45.678',
	reach: '30.000',
	reactions: '800',
	comments: '120',
	shares: '40',
	replies: '100',
	staff_hours: '12,5',
	response_hours: '2,5'
};

const REGISTER_EXAMPLE: Record<RegisterField, string> = {
	code: '',
	name: 'Jobcenter Musterstadt',
	state: 'Nordrhein-Westfalen',
	carrier: 'gE',
	elb: '12.345',
	ring: 'Ring West',
	valid_from: ''
};

/** `code` is the example row's jobcenter (a jobcenter user's own), `month` a month that may be reported. */
export function metricsTemplate(code: string, month: string): string {
	const fields = Object.keys(METRICS_COLUMNS) as MetricsField[];
	const example = { ...METRICS_EXAMPLE, jobcenter: code, month };
	return excelCsv([fields.map((f) => METRICS_COLUMNS[f][0]), fields.map((f) => example[f])]);
}

export function registerTemplate(code: string, month: string): string {
	const fields = Object.keys(REGISTER_COLUMNS) as RegisterField[];
	const example = { ...REGISTER_EXAMPLE, code, valid_from: month };
	return excelCsv([fields.map((f) => REGISTER_COLUMNS[f][0]), fields.map((f) => example[f])]);
}
