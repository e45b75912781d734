/** The typed shape of the SQLite database, one interface per table (Kysely's `Database`). */
import type { Generated, Insertable, Selectable } from 'kysely';

export const STATES = [
	'BW',
	'BY',
	'BE',
	'BB',
	'HB',
	'HH',
	'HE',
	'MV',
	'NI',
	'NW',
	'RP',
	'SL',
	'SN',
	'ST',
	'SH',
	'TH'
] as const;
export type State = (typeof STATES)[number];

export const CARRIERS = ['gE', 'zkT'] as const;
export type Carrier = (typeof CARRIERS)[number];

/**
 * The metric columns of `monthly_metric`, in the order of the canonical CSV. `response_hours`
 * (Antwortzeit, the median hours to the first reply) is optional and came last, so it stays last.
 */
export const METRICS = [
	'followers',
	'posts',
	'impressions',
	'reach',
	'reactions',
	'comments',
	'shares',
	'replies',
	'staff_hours',
	'response_hours'
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
	/** 1 when the jobcenter agreed to be shown by name to the members of its own ring. */
	show_name_to_ring: Generated<number>;
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
	/** The upload that last wrote the row; null when none did (or something else changed it since). */
	upload_id: number | null;
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
	undone_at: string | null;
	/** `{encoding, delimiter, numberStyle}` as detected, JSON. */
	dialect: string | null;
	warnings: Generated<number>;
}

/** The eLb history; `jobcenter.elb` repeats the latest value. The first value also holds before it. */
export interface JobcenterElbTable {
	jobcenter_id: number;
	valid_from: string;
	elb: number;
}

type Images<T> = { [M in keyof T as `before_${M & string}`]: T[M] | null } & {
	[M in keyof T as `after_${M & string}`]: T[M] | null;
};

/**
 * The before-image of a metric row an upload changed or deleted (an inserted row needs none: undo
 * deletes the rows whose `upload_id` is the upload's), with the upload that had written it.
 */
export type UploadMetricChangeTable = {
	upload_id: number;
	jobcenter_id: number;
	channel_id: string;
	month: string;
	existed_before: number;
	exists_after: number;
	before_upload_id: number | null;
} & { [M in Metric as `before_${M}`]: number | null };

/** Metric rows an upload wrote that were changed or deleted since by plain SQL, not by an upload. */
export interface MonthlyMetricOutsideChangeTable {
	upload_id: number;
	jobcenter_id: number;
	channel_id: string;
	month: string;
}

/** The jobcenters whose metric rows an upload wrote or deleted. */
export interface UploadMetricJobcenterTable {
	upload_id: number;
	jobcenter_id: number;
}

export type UploadJobcenterChangeTable = {
	upload_id: number;
	jobcenter_id: number;
	existed_before: number;
} & Images<{ name: string; state: State; carrier: Carrier; elb: number; ring: string }>;

export interface UploadElbChangeTable {
	upload_id: number;
	jobcenter_id: number;
	valid_from: string;
	/** null: there was no history row for that month. */
	before_elb: number | null;
	after_elb: number | null;
}

export type Role = 'admin' | 'analyst' | 'jobcenter';

export interface AppUserTable {
	id: Generated<number>;
	email: string;
	password_hash: string;
	role: Role;
	jobcenter_id: number | null;
	locale: string | null;
	disabled_at: string | null;
	created_at: Generated<string>;
}

export interface SessionTable {
	/** SHA-256 of the cookie's token, so that a stolen database holds no usable session. */
	id: string;
	user_id: number;
	created_at: Generated<string>;
	/** Milliseconds since 1970; pushed forward on activity. */
	expires_at: number;
}

export interface LoginFailureTable {
	key: string;
	at: number;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: Generated<string>;
	user_id: number | null;
	actor: string;
	action: string;
	detail: Generated<string>;
}

export interface PseudonymTable {
	group_key: string;
	jobcenter_id: number;
	position: number;
}

/** A benchlearning round: a period (both months included) and its participants in `round_member`. */
/** A round is `open` until it is closed and its inputs frozen; reopening makes it `open` again. */
export type RoundStatus = 'open' | 'closed';

export interface RoundTable {
	id: Generated<number>;
	name: string;
	/** `YYYY-MM` */
	from_month: string;
	/** `YYYY-MM` */
	to_month: string;
	created_at: Generated<string>;
	/** The email of the account that created it, or `cli`. */
	created_by: string;
	/** `open` until the round is closed and its inputs frozen. */
	status: Generated<RoundStatus>;
	/** The ring's previous round, whose period ends before this one begins; null for a first round. */
	predecessor_id: number | null;
}

export interface RoundMemberTable {
	round_id: number;
	jobcenter_id: number;
}

/** The frozen copy of a closed round's inputs: one row per round, replaced by a later close. */
export interface RoundSnapshotTable {
	round_id: number;
	closed_at: string;
	closed_by: string;
	min_peers: number;
	fte_hours_per_month: number;
}

/** A participant as it was when the round was closed. */
export interface RoundSnapshotJobcenterTable {
	round_id: number;
	jobcenter_id: number;
	code: string;
	name: string;
	state: State;
	carrier: Carrier;
	ring: string | null;
	active: number;
	show_name_to_ring: number;
	pseudonym: string;
	/** JSON array of the ids in its `size` peer group of the whole register at closing. */
	size_group: string;
}

export interface RoundSnapshotElbTable {
	round_id: number;
	jobcenter_id: number;
	valid_from: string;
	elb: number;
}

export type RoundSnapshotMetricTable = { round_id: number } & MonthlyMetricTable;

/** Every close and reopen of a round. */
export interface RoundEventTable {
	id: Generated<number>;
	round_id: number;
	at: string;
	actor: string;
	action: 'closed' | 'reopened';
}

/** A one-shot token that opens one round's reports once (the PDF CLI); `id` is its SHA-256. */
export interface ReportTokenTable {
	id: string;
	round_id: number;
	/** Milliseconds since 1970. */
	expires_at: number;
}

export const EVENT_KINDS = ['platform', 'campaign', 'channel', 'staffing', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** An event on the charts: for every jobcenter (`jobcenter_id` null) or one; for one channel or all (null). */
export interface SeriesEventTable {
	id: Generated<number>;
	jobcenter_id: number | null;
	channel_id: string | null;
	/** `YYYY-MM` */
	month: string;
	kind: EventKind;
	title: string;
	note: Generated<string>;
	/** The email of the account that recorded it. */
	created_by: string;
	created_at: Generated<string>;
}

/** A jobcenter's practice profile (Steckbrief) in one round; texts are '' where not filled in. */
export interface PracticeProfileTable {
	round_id: number;
	jobcenter_id: number;
	/** JSON array of goal ids (`GOALS` in `$lib/server/profiles`). */
	goals: string;
	goals_other: string;
	target_groups: string;
	/** JSON object: channel id → what the jobcenter uses the channel for. */
	channels: string;
	team_people: number | null;
	/** Staff hours per week for social media, all people together. */
	team_hours: number | null;
	team_roles: string;
	reply_by: string;
	reply_hours: number | null;
	/** 1 = also on weekends, 0 = not, null = not said. */
	reply_weekends: number | null;
	moderation: string;
	tools: string;
	worked: string;
	not_worked: string;
	updated_at: Generated<string>;
	updated_by: string;
}

export interface Database {
	jobcenter: JobcenterTable;
	channel: ChannelTable;
	monthly_metric: MonthlyMetricTable;
	upload: UploadTable;
	jobcenter_elb: JobcenterElbTable;
	upload_metric_change: UploadMetricChangeTable;
	upload_metric_jobcenter: UploadMetricJobcenterTable;
	monthly_metric_outside_change: MonthlyMetricOutsideChangeTable;
	upload_jobcenter_change: UploadJobcenterChangeTable;
	upload_elb_change: UploadElbChangeTable;
	app_user: AppUserTable;
	session: SessionTable;
	login_failure: LoginFailureTable;
	audit_log: AuditLogTable;
	pseudonym: PseudonymTable;
	round: RoundTable;
	round_member: RoundMemberTable;
	round_snapshot: RoundSnapshotTable;
	round_snapshot_jobcenter: RoundSnapshotJobcenterTable;
	round_snapshot_elb: RoundSnapshotElbTable;
	round_snapshot_metric: RoundSnapshotMetricTable;
	round_event: RoundEventTable;
	report_token: ReportTokenTable;
	series_event: SeriesEventTable;
	practice_profile: PracticeProfileTable;
}

export type Jobcenter = Selectable<JobcenterTable>;
export type NewJobcenter = Insertable<JobcenterTable>;
export type MonthlyMetric = Selectable<MonthlyMetricTable>;
