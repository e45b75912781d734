/** The one list of accepted spellings: column headers, channels, Länder and carriers as people write them. */
import { CHANNELS, type ChannelId } from '$lib/channels';
import { METRICS, type Carrier, type Metric, type State } from '$lib/server/db/schema';

/** Lower case, umlauts spelled out, everything but letters and digits dropped: `Jobcenter-Nr.` → `jobcenternr`. */
export function normalise(text: string): string {
	return text
		.normalize('NFC')
		.toLowerCase()
		.replaceAll('ä', 'ae')
		.replaceAll('ö', 'oe')
		.replaceAll('ü', 'ue')
		.replaceAll('ß', 'ss')
		.replace(/[^a-z0-9]/g, '');
}

export type MetricsField = 'jobcenter' | 'month' | 'channel' | Metric;
export type RegisterField = 'code' | 'name' | 'state' | 'carrier' | 'elb' | 'ring' | 'valid_from';

/** Header spellings per field; the field's own name is always accepted too. */
export const METRICS_COLUMNS: Record<MetricsField, string[]> = {
	jobcenter: ['Jobcenter', 'Kennung', 'Code', 'Jobcenter-Nr.', 'Jobcenter-Nummer'],
	month: ['Monat', 'Berichtsmonat', 'Month', 'Reporting month'],
	channel: ['Kanal', 'Plattform', 'Netzwerk', 'Channel', 'Platform', 'Network'],
	followers: ['Follower', 'Followers', 'Abonnenten', 'Fans', 'Subscribers'],
	posts: ['Beiträge', 'Beitrag', 'Posts'],
	impressions: ['Impressionen', 'Aufrufe', 'Impressions', 'Views'],
	reach: ['Reichweite', 'Erreichte Personen', 'Reach'],
	reactions: ['Reaktionen', 'Likes', 'Gefällt mir', 'Reactions'],
	comments: ['Kommentare', 'Comments'],
	shares: ['Geteilt', 'Shares', 'Teilungen'],
	replies: ['Antworten', 'Replies'],
	staff_hours: ['Personalstunden', 'Stunden', 'Arbeitsstunden', 'Staff hours', 'Hours'],
	response_hours: [
		'Antwortzeit (Std.)',
		'Antwortzeit',
		'Reaktionszeit',
		'Antwortzeit in Stunden',
		'Response time',
		'Response time (hours)'
	]
};

/** Columns of the platforms' own exports (English and German interface), by the role they play there. */
export type NativeField =
	| 'post_id'
	| 'page_id'
	| 'account_id'
	| 'publish_time'
	| 'tweet_id'
	| 'tweet_permalink'
	| 'time'
	| 'date'
	| 'primary'
	| 'views'
	| 'reach'
	| 'reactions'
	| 'likes'
	| 'comments'
	| 'shares'
	| 'retweets'
	| 'replies'
	| 'impressions'
	| 'video_views'
	| 'reached_audience'
	| 'new_followers'
	| 'total_followers';

export const NATIVE_COLUMNS: Record<NativeField, string[]> = {
	post_id: ['Post ID', 'Beitrags-ID', 'Beitrags ID'],
	page_id: ['Page ID', 'Seiten-ID', 'Seiten ID'],
	account_id: ['Account ID', 'Konto-ID', 'Konto ID'],
	publish_time: ['Publish time', 'Veröffentlichungszeitpunkt', 'Veröffentlichungszeit'],
	tweet_id: ['Tweet id', 'Tweet-ID'],
	tweet_permalink: ['Tweet permalink', 'Tweet-Permalink'],
	time: ['time', 'Zeit', 'Uhrzeit'],
	date: ['Date', 'Datum'],
	primary: ['Primary', 'Primär'],
	views: ['Views', 'Aufrufe'],
	reach: ['Reach', 'Reichweite'],
	reactions: ['Reactions', 'Reaktionen'],
	likes: ['Likes', '„Gefällt mir“-Angaben', 'Gefällt mir-Angaben', 'Gefällt mir', 'Mag ich'],
	comments: ['Comments', 'Kommentare'],
	shares: ['Shares', 'Geteilte Inhalte', 'Mal geteilt', 'Teilungen'],
	retweets: ['retweets', 'Reposts'],
	replies: ['replies', 'Antworten'],
	impressions: ['impressions', 'Impressionen'],
	video_views: ['Video views', 'Videoaufrufe', 'Video-Aufrufe'],
	reached_audience: ['Reached audience', 'Erreichtes Publikum', 'Erreichte Zuschauer'],
	new_followers: ['New followers', 'Neue Follower'],
	total_followers: ['Total followers', 'Follower insgesamt', 'Follower gesamt']
};

/**
 * The metric named in a Meta daily series' title line once its `Facebook`/`Instagram` prefix is
 * dropped: Views replaced Impressions in 2024/25 and is stored as impressions.
 */
export const META_DAILY_TITLES: Record<'impressions' | 'reach', string[]> = {
	impressions: ['Views', 'Aufrufe', 'Impressions', 'Impressionen'],
	reach: ['Reach', 'Reichweite']
};

export const REGISTER_COLUMNS: Record<RegisterField, string[]> = {
	code: ['Kennung', 'Code', 'Jobcenter-Nr.', 'Jobcenter-Nummer'],
	name: ['Name', 'Bezeichnung'],
	state: ['Bundesland', 'Land', 'State'],
	carrier: ['Trägerform', 'Träger', 'Carrier'],
	elb: ['eLb', 'erwerbsfähige Leistungsberechtigte'],
	ring: ['Vergleichsring', 'Ring'],
	valid_from: ['gültig ab', 'valid from', 'eLb gültig ab']
};

export const REQUIRED_METRICS_FIELDS: MetricsField[] = ['jobcenter', 'month', 'channel'];
export const REQUIRED_REGISTER_FIELDS: RegisterField[] = [
	'code',
	'name',
	'state',
	'carrier',
	'elb'
];
export const METRIC_FIELDS: readonly Metric[] = METRICS;

/** Aliases beyond the catalogue's ids and display names. */
export const CHANNEL_ALIASES: Record<string, ChannelId> = {
	Twitter: 'x',
	'X (Twitter)': 'x',
	'Twitter/X': 'x',
	'X.com': 'x',
	FB: 'facebook',
	IG: 'instagram',
	Insta: 'instagram',
	YT: 'youtube',
	WhatsApp: 'whatsapp',
	'WhatsApp Channel': 'whatsapp',
	Bsky: 'bluesky'
};

export const STATE_NAMES: Record<State, string[]> = {
	BW: ['Baden-Württemberg'],
	BY: ['Bayern', 'Bavaria'],
	BE: ['Berlin'],
	BB: ['Brandenburg'],
	HB: ['Bremen'],
	HH: ['Hamburg'],
	HE: ['Hessen', 'Hesse'],
	MV: ['Mecklenburg-Vorpommern'],
	NI: ['Niedersachsen', 'Lower Saxony'],
	NW: ['Nordrhein-Westfalen', 'NRW', 'North Rhine-Westphalia'],
	RP: ['Rheinland-Pfalz'],
	SL: ['Saarland'],
	SN: ['Sachsen', 'Saxony'],
	ST: ['Sachsen-Anhalt'],
	SH: ['Schleswig-Holstein'],
	TH: ['Thüringen', 'Thuringia']
};

export const CARRIER_NAMES: Record<Carrier, string[]> = {
	gE: ['gemeinsame Einrichtung'],
	zkT: ['zugelassener kommunaler Träger', 'Optionskommune', 'kommunales Jobcenter']
};

/** A lookup from normalised spelling to value, built once from lists like the ones above. */
export function lookup<T extends string>(entries: [T, string[]][]): Map<string, T> {
	const map = new Map<string, T>();
	for (const [value, spellings] of entries) {
		for (const spelling of [value, ...spellings]) map.set(normalise(spelling), value);
	}
	return map;
}

export const CHANNEL_LOOKUP = lookup<ChannelId>([
	...CHANNELS.map((c): [ChannelId, string[]] => [c.id, [c.name]]),
	...Object.entries(CHANNEL_ALIASES).map(([alias, id]): [ChannelId, string[]] => [id, [alias]])
]);
