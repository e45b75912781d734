/** The jobcenter register filtered and a page at a time, as the overview's picker and the register page list it. */
import { sql, type RawBuilder } from 'kysely';
import type { DB } from '.';
import { STATES, type State } from './schema';

export const PAGE_SIZE = 50;

export interface RegisterFilter {
	/** Part of a name or code; empty for all. */
	search: string;
	state: string | null;
	/** A ring's name, `null` for the jobcenters without a ring, `undefined` for all. */
	ring: string | null | undefined;
}

export interface RegisterScope {
	/** Deactivated jobcenters too, as the register page keeps them; the picker shows only active ones. */
	inactive?: boolean;
}

/** What the register's filter can choose from, and how many jobcenters there are in the scope. */
export async function registerChoices(db: DB, { inactive = false }: RegisterScope = {}) {
	const groups = await db
		.selectFrom('jobcenter')
		.select(['state', 'ring', (eb) => eb.fn.countAll<number>().as('n')])
		.$if(!inactive, (q) => q.where('active', '=', 1))
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

/** The jobcenters (as `j`) that match the filter, without columns: each list selects its own. */
export function matchingJobcenters(
	db: DB,
	filter: RegisterFilter,
	{ inactive = false }: RegisterScope = {}
) {
	const needle = foldText(filter.search);
	return db
		.selectFrom('jobcenter as j')
		.$if(!inactive, (q) => q.where('j.active', '=', 1))
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
}

export type MatchingJobcenters = ReturnType<typeof matchingJobcenters>;

export interface RegisterPage<Row> {
	rows: Row[];
	/** How many jobcenters in the scope match the filter. */
	matching: number;
	/** The page shown: the one asked for, clamped to the pages there are. */
	page: number;
	pages: number;
	/** How many matching jobcenters come before this page. */
	offset: number;
}

/**
 * One page of the matching jobcenters, by name (German order) or by code. `rows` picks the columns of
 * the ordered, limited query and runs it.
 */
export async function registerPage<Row>(
	db: DB,
	filter: RegisterFilter,
	page: number,
	options: RegisterScope & { orderBy: 'name' | 'code' },
	rows: (query: MatchingJobcenters) => Promise<Row[]>
): Promise<RegisterPage<Row>> {
	const matching = matchingJobcenters(db, filter, options);
	const { n } = await matching
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const pages = Math.max(1, Math.ceil(n / PAGE_SIZE));
	const shown = Math.min(Math.max(1, page), pages);
	const offset = (shown - 1) * PAGE_SIZE;
	const ordered =
		options.orderBy === 'name'
			? matching.orderBy(fold(sql.ref('j.name'))).orderBy('j.code')
			: matching.orderBy('j.code');
	return {
		rows: await rows(ordered.limit(PAGE_SIZE).offset(offset)),
		matching: n,
		page: shown,
		pages,
		offset
	};
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
