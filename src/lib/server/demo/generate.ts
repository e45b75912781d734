/** A pure, seeded generator of believable demo jobcenters and their monthly channel figures. */
import { CHANNELS, type ChannelId } from '$lib/channels';
import { addMonths, isMonth, monthRange, type Month } from '$lib/months';
import { METRICS, type Metric } from '$lib/server/db/schema';
import { DEMO_JOBCENTERS, DEMO_JOBCENTER_CODE, type DemoJobcenter } from './jobcenters';
import { createRandom, type Random } from './random';

export type { DemoJobcenter } from './jobcenters';

export type DemoMetric = { code: string; channel: ChannelId; month: Month } & Record<
	Metric,
	number | null
>;

export interface DemoData {
	jobcenters: DemoJobcenter[];
	metrics: DemoMetric[];
}

export interface DemoOptions {
	seed?: number;
	/** The newest month, `YYYY-MM`. */
	until: Month;
	months?: number;
}

// adoption: share of jobcenters on the channel; newcomer/quitter: share of those starting or
// giving up within the period; hours: staff hours at 15,000 eLb; views: impressions per post and
// follower; engagement: interactions per impression.
const PROFILE_KEYS = [
	'adoption',
	'newcomer',
	'quitter',
	'followersPerElb',
	'growth',
	'hours',
	'postsPerHour',
	'views',
	'engagement'
] as const;
export type ChannelProfile = Record<(typeof PROFILE_KEYS)[number], number>;

// One row per channel, values in the order of PROFILE_KEYS.
const PROFILE_ROWS: Record<ChannelId, number[]> = {
	facebook: [0.92, 0.02, 0.02, 0.12, 0.002, 12, 0.8, 0.15, 0.03],
	instagram: [0.85, 0.08, 0, 0.08, 0.012, 14, 0.6, 0.25, 0.045],
	x: [0.35, 0, 0.45, 0.03, -0.004, 4, 1.2, 0.12, 0.012],
	youtube: [0.45, 0.1, 0, 0.015, 0.008, 10, 0.15, 1.8, 0.04],
	linkedin: [0.4, 0.2, 0, 0.04, 0.02, 6, 0.5, 0.3, 0.025],
	tiktok: [0.35, 0.5, 0, 0.05, 0.03, 14, 0.4, 2, 0.05],
	xing: [0.12, 0, 0.2, 0.01, 0, 2, 0.5, 0.1, 0.01],
	mastodon: [0.08, 0.2, 0.1, 0.004, 0.01, 2, 1, 0.3, 0.02],
	bluesky: [0.12, 0.6, 0, 0.006, 0.04, 2, 1, 0.3, 0.03],
	threads: [0.08, 0.5, 0.1, 0.01, 0.02, 2, 1, 0.3, 0.025],
	whatsapp: [0.1, 0.6, 0, 0.03, 0.04, 4, 1, 0.7, 0.01]
};

/** Activity by calendar month: a January peak, a summer-holiday dip and a quiet December. */
const SEASON = [1.2, 1.05, 1, 1, 1, 0.95, 0.8, 0.75, 1, 1.05, 1.05, 0.8];

const CELL_GAP = 0.02;
const ROW_GAP = 0.01;

/** Every metric but the answer time, which comes from a stream of its own (see `answerSpeeds`). */
type Drawn = Exclude<Metric, 'response_hours'>;
const DRAWN = METRICS.filter((m): m is Drawn => m !== 'response_hours');

/**
 * The answer time was added after the other figures; drawing it from a second stream seeded from
 * the same seed keeps every other demo figure exactly as it was.
 */
const ANSWER_STREAM = 0x5eed;
/** Share of channel months with replies for which the team noted how fast it answered. */
const ANSWER_LOGGED = 0.9;

export function profile(channel: ChannelId): ChannelProfile {
	const values = PROFILE_ROWS[channel];
	return Object.fromEntries(PROFILE_KEYS.map((key, i) => [key, values[i]])) as ChannelProfile;
}

export function season(month: Month): number {
	return SEASON[Number(month.slice(5, 7)) - 1];
}

/** Per jobcenter habits that stay the same across channels and months. */
export interface Traits {
	effort: number;
	replyRate: number;
	reportsHours: boolean;
}

/** A few jobcenters answer every comment, a few never, two never report hours; the rest vary. */
export function assignTraits(random: Random, jobcenters: DemoJobcenter[]): Traits[] {
	// The demo account's own jobcenter stays ordinary so that its dashboard shows every area.
	const order = random.shuffle(
		jobcenters.map((jc) => jc.code).filter((code) => code !== DEMO_JOBCENTER_CODE)
	);
	const always = new Set(order.slice(0, 3));
	const never = new Set(order.slice(3, 6));
	const silent = new Set(order.slice(6, 8));
	return jobcenters.map(({ code }) => ({
		effort: random.factor(0.4),
		replyRate: always.has(code)
			? random.uniform(0.9, 1)
			: never.has(code)
				? 0
				: random.uniform(0.15, 0.8),
		reportsHours: !silent.has(code)
	}));
}

/** The month indices [from, until) in which a jobcenter runs the channel, or null if it never does. */
function presence(
	random: Random,
	jc: DemoJobcenter,
	channel: ChannelId,
	months: number
): { from: number; until: number } | null {
	const p = profile(channel);
	if (jc.code === DEMO_JOBCENTER_CODE && (channel === 'facebook' || channel === 'instagram')) {
		return { from: 0, until: months };
	}
	if (!random.chance(p.adoption)) return null;
	const from = random.chance(p.newcomer) ? Math.floor(random.uniform(1, months)) : 0;
	const earliestQuit = Math.max(from + 3, Math.floor(months / 4));
	const quits = earliestQuit < months - 1 && random.chance(p.quitter);
	return { from, until: quits ? Math.floor(random.uniform(earliestQuit, months - 1)) : months };
}

export function monthFigures(
	random: Random,
	p: ChannelProfile,
	traits: Traits,
	elb: number,
	followers: number,
	activity: number
): Record<Drawn, number> {
	const hours = Math.max(
		0.5,
		p.hours * traits.effort * Math.sqrt(elb / 15_000) * activity * random.factor(0.15)
	);
	const posts = Math.round(hours * p.postsPerHour * random.factor(0.2));
	const impressions = Math.round(posts * followers * p.views * activity * random.factor(0.25));
	// Flooring every share of interactions keeps their sum at or below the impressions.
	const interactions = impressions * Math.min(0.5, p.engagement * random.factor(0.3));
	const comments = Math.floor(interactions * random.uniform(0.05, 0.15));
	const shares = Math.floor(interactions * random.uniform(0.05, 0.12));
	const replies = Math.round(comments * traits.replyRate * random.uniform(0.9, 1.1));
	return {
		followers: Math.round(followers),
		posts,
		impressions,
		reach: Math.floor(impressions * random.uniform(0.4, 0.8)),
		reactions: Math.floor(interactions) - comments - shares,
		comments,
		shares,
		replies: Math.min(replies, comments + 50),
		staff_hours: Math.round(hours * 10) / 10
	};
}

/** Blanks out the cells a jobcenter did not report; the answer time is filled in later. */
export function withGaps(
	random: Random,
	figures: Record<Drawn, number>,
	traits: Traits
): Record<Metric, number | null> {
	const row = {} as Record<Metric, number | null>;
	for (const metric of DRAWN) row[metric] = random.chance(CELL_GAP) ? null : figures[metric];
	if (!traits.reportsHours) row.staff_hours = null;
	row.response_hours = null;
	return row;
}

/** The stream the answer times come from, for a seed. */
export function answerRandom(seed: number): Random {
	return createRandom(seed + ANSWER_STREAM);
}

/**
 * Each jobcenter's typical hours to a first reply: four pioneers under one hour, eight that do not
 * measure it, none for those that never answer, the rest spread evenly on a log scale from 2 to 48.
 */
export function answerSpeeds(
	random: Random,
	jobcenters: DemoJobcenter[],
	traits: Traits[]
): (number | null)[] {
	// The demo account's own jobcenter reports an ordinary answer time.
	const order = random.shuffle(
		jobcenters
			.filter((jc, i) => jc.code !== DEMO_JOBCENTER_CODE && traits[i].replyRate > 0)
			.map((jc) => jc.code)
	);
	const pioneers = new Set(order.slice(0, 4));
	const unmeasured = new Set(order.slice(4, 12));
	return jobcenters.map(({ code }, i) => {
		if (traits[i].replyRate === 0 || unmeasured.has(code)) return null;
		if (pioneers.has(code)) return random.uniform(0.3, 0.9);
		return Math.exp(random.uniform(Math.log(2), Math.log(48)));
	});
}

/** A month's answer time per channel: the typical one with some noise, where anything was answered and noted. */
export function fillAnswerTimes<R extends Pick<DemoMetric, 'replies' | 'response_hours'>>(
	random: Random,
	rows: R[],
	typical: number | null
): R[] {
	for (const row of rows) {
		if (typical === null || !row.replies || !random.chance(ANSWER_LOGGED)) continue;
		row.response_hours = Math.max(0.1, Math.round(typical * random.factor(0.3) * 10) / 10);
	}
	return rows;
}

function channelRows(
	random: Random,
	jc: DemoJobcenter,
	traits: Traits,
	channel: ChannelId,
	months: Month[]
): DemoMetric[] {
	const stay = presence(random, jc, channel, months.length);
	if (!stay) return [];
	const p = profile(channel);
	const established = jc.elb * p.followersPerElb * random.factor(0.5) * Math.sqrt(traits.effort);
	let followers = stay.from === 0 ? established : established * 0.03 + 10;
	const rows: DemoMetric[] = [];
	for (let i = stay.from; i < stay.until; i++) {
		// A new account grows fast in its first year before it settles to the channel's pace.
		const age = i - stay.from;
		const boost = stay.from > 0 && age < 12 ? 0.25 * (1 - age / 12) : 0;
		followers *= 1 + p.growth + boost + random.normal(0, 0.004);
		const figures = monthFigures(random, p, traits, jc.elb, followers, season(months[i]));
		const gaps = withGaps(random, figures, traits);
		if (random.chance(ROW_GAP)) continue;
		rows.push({ code: jc.code, channel, month: months[i], ...gaps });
	}
	return rows;
}

export function generateDemoData({ seed = 20261125, until, months = 24 }: DemoOptions): DemoData {
	if (!isMonth(until))
		throw new Error(`The demo data must end with a month YYYY-MM, not "${until}".`);
	if (!Number.isInteger(months) || months < 1) throw new Error(`Cannot generate ${months} months.`);
	const range = monthRange(addMonths(until, 1 - months), until);
	const random = createRandom(seed);
	const jobcenters = DEMO_JOBCENTERS.map((jc) => ({ ...jc })).sort((a, b) =>
		a.code < b.code ? -1 : 1
	);
	const traits = assignTraits(random, jobcenters);
	const answers = answerRandom(seed);
	const speeds = answerSpeeds(answers, jobcenters, traits);
	const metrics = jobcenters.flatMap((jc, i) =>
		fillAnswerTimes(
			answers,
			CHANNELS.flatMap(({ id }) => channelRows(random, jc, traits[i], id, range)),
			speeds[i]
		)
	);
	return { jobcenters, metrics };
}
