/** Queries for the overview page: the jobcenter register, a page at a time, and follower totals per channel and month. */
import { sql, type RawBuilder } from 'kysely';
import type { DB } from '.';
import { STATES, type State } from './schema';

export interface JobcenterRow {
	code: string;
	name: string;
	state: string;
	carrier: 'gE' | 'zkT';
	elb: number;
	ring: string | null;
	channels: number;
}

export const PAGE_SIZE = 50;

export interface RegisterFilter {
	/** Part of a name or code; empty for all. */
	search: string;
	state: string | null;
	/** A ring's name, `null` for the jobcenters without a ring, `undefined` for all. */
	ring: string | null | undefined;
}

/** What the register's filter can choose from, and how many active jobcenters there are. */
export async function registerChoices(db: DB) {
	const groups = await db
		.selectFrom('jobcenter')
		.select(['state', 'ring', (eb) => eb.fn.countAll<number>().as('n')])
		.where('active', '=', 1)
		.groupBy(['state', 'ring'])
		.execute();
	const present = new Set<string>(groups.map((g) => g.state));
	const rings = new Set(groups.flatMap((g) => (g.ring === null ? [] : [g.ring])));
	return {
		total: groups.reduce((sum, g) => sum + g.n, 0),
		states: STATES.filter((s) => present.has(s)),
		rings: [...rings].sort((a, b) => a.localeCompare(b, 'de')),
		withoutRing: groups.some((g) => g.ring === null)
	};
}

export interface RegisterPage {
	rows: JobcenterRow[];
	/** How many active jobcenters match the filter. */
	matching: number;
	/** The page shown: the one asked for, clamped to the pages there are. */
	page: number;
	pages: number;
	/** How many matching jobcenters come before this page. */
	offset: number;
}

/** One page of the active jobcenters that match the filter, by name. */
export async function listJobcenters(
	db: DB,
	filter: RegisterFilter,
	page: number
): Promise<RegisterPage> {
	const needle = foldText(filter.search);
	const matching = db
		.selectFrom('jobcenter as j')
		.where('j.active', '=', 1)
		.$if(needle !== '', (q) =>
			q.where((eb) =>
				eb.or([
					sql<boolean>`instr(${fold(sql.ref('j.name'))}, ${needle}) > 0`,
					sql<boolean>`instr(${fold(sql.ref('j.code'))}, ${needle}) > 0`
				])
			)
		)
		.$if(filter.state !== null, (q) => q.where('j.state', '=', filter.state as State))
		.$if(filter.ring !== undefined, (q) =>
			filter.ring === null ? q.where('j.ring', 'is', null) : q.where('j.ring', '=', filter.ring!)
		);
	const { n } = await matching
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const pages = Math.max(1, Math.ceil(n / PAGE_SIZE));
	const shown = Math.min(page, pages);
	const offset = (shown - 1) * PAGE_SIZE;
	const rows = await matching
		.select((eb) => [
			'j.code',
			'j.name',
			'j.state',
			'j.carrier',
			'j.elb',
			'j.ring',
			// One index seek per channel instead of counting through all of a jobcenter's rows.
			eb
				.selectFrom('channel as c')
				.where(({ exists, selectFrom }) =>
					exists(
						selectFrom('monthly_metric as mm')
							.select('mm.month')
							.whereRef('mm.jobcenter_id', '=', 'j.id')
							.whereRef('mm.channel_id', '=', 'c.id')
					)
				)
				.select(sql<number>`count(*)`.as('n'))
				.as('channels')
		])
		.orderBy(fold(sql.ref('j.name')))
		.orderBy('j.code')
		.limit(PAGE_SIZE)
		.offset(offset)
		.execute();
	return { rows: rows as JobcenterRow[], matching: n, page: shown, pages, offset };
}

/**
 * German letters folded as DIN 5007 sorts them (ä as a, ß as ss), lower case. SQLite's `lower()` knows
 * only ASCII and its order only bytes, which would put „Märkischer Kreis“ after „Mayen“.
 */
const FOLD: [string, string][] = [
	['Ä', 'a'],
	['Ö', 'o'],
	['Ü', 'u'],
	['ä', 'a'],
	['ö', 'o'],
	['ü', 'u'],
	['ß', 'ss']
];

function fold(column: RawBuilder<unknown>): RawBuilder<string> {
	const replaced = FOLD.reduce((text, [from, to]) => sql`replace(${text}, ${from}, ${to})`, column);
	return sql<string>`lower(${replaced})`;
}

/** The same folding for a search text, so that „GÜTERSLOH“, „gütersloh“ and „gutersloh“ all match. */
function foldText(text: string): string {
	return FOLD.reduce((t, [from, to]) => t.replaceAll(from, to), text.toLowerCase());
}

/** The newest month with any figures, but never after `notAfter`. */
export async function latestMonth(db: DB, notAfter: string): Promise<string | null> {
	const row = await db
		.selectFrom('monthly_metric')
		.select((eb) => eb.fn.max('month').as('month'))
		.where('month', '<=', notAfter)
		.executeTakeFirst();
	return row?.month ?? null;
}

export interface ChannelMonthTotal {
	channel_id: string;
	month: string;
	followers: number;
}

/** Totals over all jobcenters, for the analysts' overview. */
export async function followersByChannel(
	db: DB,
	from: string,
	to: string
): Promise<ChannelMonthTotal[]> {
	return db
		.selectFrom('monthly_metric')
		.select(['channel_id', 'month', (eb) => eb.fn.sum<number>('followers').as('followers')])
		.where('month', '>=', from)
		.where('month', '<=', to)
		.where('followers', 'is not', null)
		.groupBy(['channel_id', 'month'])
		.execute();
}
