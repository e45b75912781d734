/** The typed shape of the SQLite database, one interface per table (Kysely's `Database`). */
import type { Generated, Insertable, Selectable } from 'kysely';

export const STATES = [
	'BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH'
] as const;
export type State = (typeof STATES)[number];

export const CARRIERS = ['gE', 'zkT'] as const;
export type Carrier = (typeof CARRIERS)[number];

/** The metric columns of `monthly_metric`, in the order of the canonical CSV. */
export const METRICS = [
	'followers',
	'posts',
	'impressions',
	'reach',
	'reactions',
	'comments',
	'shares',
	'replies',
	'staff_hours'
] as const;
export type Metric = (typeof METRICS)[number];

export interface JobcenterTable {
	id: Generated<number>;
	code: string;
	name: string;
	state: State;
	carrier: Carrier;
	elb: number;
	ring: string | null;
	active: Generated<number>;
	created_at: Generated<string>;
}

export interface ChannelTable {
	id: string;
	name: string;
	sort_order: number;
}

export type MonthlyMetricTable = {
	jobcenter_id: number;
	channel_id: string;
	/** `YYYY-MM` */
	month: string;
} & { [M in Metric]: number | null };

export interface UploadTable {
	id: Generated<number>;
	user_id: number | null;
	uploaded_at: Generated<string>;
	file_name: string;
	sha256: string;
	kind: string;
	rows_inserted: Generated<number>;
	rows_updated: Generated<number>;
	rows_unchanged: Generated<number>;
}

export interface Database {
	jobcenter: JobcenterTable;
	channel: ChannelTable;
	monthly_metric: MonthlyMetricTable;
	upload: UploadTable;
}

export type Jobcenter = Selectable<JobcenterTable>;
export type NewJobcenter = Insertable<JobcenterTable>;
export type MonthlyMetric = Selectable<MonthlyMetricTable>;
