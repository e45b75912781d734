/** The platforms' exports Benchlearn reads: how each is recognised by its header and which of its columns feeds which metric. */
import type { ChannelId } from '$lib/channels';
import type { Metric } from '$lib/server/db/schema';
import { lookup, META_DAILY_TITLES, NATIVE_COLUMNS, normalise, type NativeField } from '../aliases';

export type FormatId =
	| 'meta-posts'
	| 'meta-daily'
	| 'x-tweets'
	| 'tiktok-overview'
	| 'tiktok-followers'
	| 'youtube-daily';

export interface NativeFormat {
	id: FormatId;
	/** Null where the file does not fix it: Meta's daily series name it in their title, if at all. */
	channel: ChannelId | null;
	/**
	 * `posts`: one row per post, complete months come from the export's period; `daily`: one row
	 * per day, a month is complete when every one of its days is there.
	 */
	rows: 'posts' | 'daily';
	/** All of these columns in the header make the format. */
	recognisedBy: NativeField[];
	/** The column with the row's day; `utc` when it is a UTC time to be read in Berlin. */
	day: NativeField;
	utc?: boolean;
	/** Which column feeds which metric; `posts` counts the rows instead. */
	metrics: Partial<Record<Metric, NativeField>>;
	/** Metrics that are a month's last day's value, not the sum of its days. */
	lastDayValue?: Metric[];
}

/** In the order they are tried: the generic `Date` + `Views` of YouTube last. */
export const FORMATS: NativeFormat[] = [
	{
		id: 'meta-posts',
		channel: 'facebook',
		rows: 'posts',
		recognisedBy: ['post_id', 'page_id', 'publish_time'],
		day: 'publish_time',
		metrics: {
			posts: 'post_id',
			impressions: 'views',
			reach: 'reach',
			reactions: 'reactions',
			comments: 'comments',
			shares: 'shares'
		}
	},
	{
		id: 'meta-posts',
		channel: 'instagram',
		rows: 'posts',
		recognisedBy: ['post_id', 'account_id', 'publish_time'],
		day: 'publish_time',
		metrics: {
			posts: 'post_id',
			impressions: 'views',
			reach: 'reach',
			reactions: 'likes',
			comments: 'comments',
			shares: 'shares'
		}
	},
	{
		id: 'x-tweets',
		channel: 'x',
		rows: 'posts',
		recognisedBy: ['tweet_id', 'tweet_permalink', 'time', 'impressions'],
		day: 'time',
		utc: true,
		metrics: {
			posts: 'tweet_id',
			impressions: 'impressions',
			reactions: 'likes',
			comments: 'replies',
			shares: 'retweets'
		}
	},
	{
		id: 'tiktok-overview',
		channel: 'tiktok',
		rows: 'daily',
		recognisedBy: ['date', 'video_views', 'reached_audience'],
		day: 'date',
		metrics: {
			impressions: 'video_views',
			reach: 'reached_audience',
			reactions: 'likes',
			comments: 'comments',
			shares: 'shares'
		}
	},
	{
		id: 'tiktok-followers',
		channel: 'tiktok',
		rows: 'daily',
		recognisedBy: ['date', 'new_followers', 'total_followers'],
		day: 'date',
		metrics: { followers: 'total_followers' },
		lastDayValue: ['followers']
	},
	{
		// The metric comes from the title line; `reach` here is replaced by it (see `metaDaily`).
		id: 'meta-daily',
		channel: null,
		rows: 'daily',
		recognisedBy: ['date', 'primary'],
		day: 'date',
		metrics: {}
	},
	{
		id: 'youtube-daily',
		channel: 'youtube',
		rows: 'daily',
		recognisedBy: ['date', 'views'],
		day: 'date',
		metrics: { impressions: 'views' }
	}
];

export const NATIVE_LOOKUP = lookup(Object.entries(NATIVE_COLUMNS) as [NativeField, string[]][]);

/** The header's cells as native fields; a column that repeats a field keeps null (see `repeats`). */
export function nativeFields(cells: string[]): (NativeField | null)[] {
	const seen = new Set<NativeField>();
	return cells.map((cell) => {
		const field = NATIVE_LOOKUP.get(normalise(cell)) ?? null;
		if (field === null || seen.has(field)) return null;
		seen.add(field);
		return field;
	});
}

/** The columns that repeat an earlier one's field, e.g. Meta's second `Views`, with the first one's index. */
export function repeats(cells: string[]): { field: NativeField; first: number; index: number }[] {
	const first = new Map<NativeField, number>();
	const found: { field: NativeField; first: number; index: number }[] = [];
	cells.forEach((cell, index) => {
		const field = NATIVE_LOOKUP.get(normalise(cell));
		if (!field) return;
		if (first.has(field)) found.push({ field, first: first.get(field) as number, index });
		else first.set(field, index);
	});
	return found;
}

/** The format whose columns the header has, if any. */
export function detectFormat(cells: string[]): NativeFormat | null {
	const fields = new Set(nativeFields(cells));
	return FORMATS.find((f) => f.recognisedBy.every((c) => fields.has(c))) ?? null;
}

/**
 * The formats as the Methodik explains them: the English header names, and which column feeds
 * which metric; a Meta daily series' metric comes from its title line.
 */
export function formatTable() {
	const header = (field: NativeField) => NATIVE_COLUMNS[field][0];
	return FORMATS.map((f) => ({
		id: f.id,
		channel: f.channel,
		rows: f.rows,
		recognisedBy: f.recognisedBy.map(header),
		metrics:
			f.id === 'meta-daily'
				? Object.entries(META_DAILY_TITLES).map(([metric, titles]) => ({
						metric: metric as Metric,
						column: titles.join(' / '),
						fromTitle: true
					}))
				: Object.entries(f.metrics).map(([metric, field]) => ({
						metric: metric as Metric,
						column: header(field),
						fromTitle: false
					})),
		lastDayValue: f.lastDayValue ?? []
	}));
}
