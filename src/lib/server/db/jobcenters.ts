/**
 * The reads of the `jobcenter` table, as plain functions that take `db` or `trx`. Each caller names
 * the columns it needs, so that a page never receives more of a jobcenter than it showed before.
 * Writes stay with the register import (`ingest/register.ts`), filters and paging with `register.ts`.
 */
import type { DB } from '.';
import type { JobcenterTable } from './schema';

export type JobcenterColumn = keyof JobcenterTable & string;

/** What a page shows and links of one jobcenter. */
export const REFERENCE = ['id', 'code', 'name'] as const satisfies readonly JobcenterColumn[];

/** `where id in (…)` needs at least one value; no jobcenter has this id. */
const NO_IDS = [-1];

/** One jobcenter by its id, active or not; `undefined` when there is none. */
export async function byId<C extends JobcenterColumn>(db: DB, id: number, columns: readonly C[]) {
	return db.selectFrom('jobcenter').select(columns).where('id', '=', id).executeTakeFirst();
}

/** One jobcenter by its exact code, active or not; `undefined` when there is none. */
export async function byCode<C extends JobcenterColumn>(
	db: DB,
	code: string,
	columns: readonly C[]
) {
	return db.selectFrom('jobcenter').select(columns).where('code', '=', code).executeTakeFirst();
}

/** The jobcenters with these ids (in no particular order); unknown ids are left out. */
export async function byIds<C extends JobcenterColumn>(
	db: DB,
	ids: readonly number[],
	columns: readonly C[]
) {
	return db
		.selectFrom('jobcenter')
		.select(columns)
		.where('id', 'in', ids.length ? ids : NO_IDS)
		.execute();
}

/** The jobcenters with these codes (in no particular order); unknown codes are left out. */
export async function byCodes(db: DB, codes: readonly string[]) {
	if (codes.length === 0) return [];
	return db.selectFrom('jobcenter').select(['id', 'code']).where('code', 'in', codes).execute();
}

/** The name of one jobcenter, `null` when there is none. */
export async function nameOf(db: DB, id: number): Promise<string | null> {
	return (await byId(db, id, ['name']))?.name ?? null;
}

/** Whether the register holds any jobcenter at all. */
export async function hasJobcenters(db: DB): Promise<boolean> {
	return (await db.selectFrom('jobcenter').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * The id and code of every jobcenter (or of the one with `only`), active or not, as a `CodeIndex`
 * takes them to recognise codes in a file or a form.
 */
export async function listCodes(db: DB, only: number | null = null) {
	return db
		.selectFrom('jobcenter')
		.select(['id', 'code'])
		.$if(only !== null, (q) => q.where('id', '=', only as number))
		.execute();
}

/** Every jobcenter (or the one with the code `only`), active or not, by code, as exports list them. */
export async function listByCode<C extends JobcenterColumn>(
	db: DB,
	columns: readonly C[],
	only?: string
) {
	return db
		.selectFrom('jobcenter')
		.select(columns)
		.$if(only !== undefined, (q) => q.where('code', '=', only as string))
		.orderBy('code')
		.execute();
}

/** Every jobcenter, active or not, with the given columns, in no particular order. */
export async function listAll<C extends JobcenterColumn>(db: DB, columns: readonly C[]) {
	return db.selectFrom('jobcenter').select(columns).execute();
}

export interface ChoiceScope {
	/** Deactivated jobcenters too; pickers for new entries offer only the active ones. */
	inactive?: boolean;
	/** Only the members of this ring. */
	ring?: string | null;
	/** Only these jobcenters. */
	ids?: readonly number[] | null;
}

/** The jobcenters a picker or list offers, by name: the active ones unless `inactive`. */
export async function listByName<C extends JobcenterColumn>(
	db: DB,
	columns: readonly C[],
	{ inactive = false, ring = null, ids = null }: ChoiceScope = {}
) {
	return db
		.selectFrom('jobcenter')
		.select(columns)
		.$if(!inactive, (q) => q.where('active', '=', 1))
		.$if(ring !== null, (q) => q.where('ring', '=', ring as string))
		.$if(ids !== null, (q) => q.where('id', 'in', ids?.length ? ids : NO_IDS))
		.orderBy('name')
		.execute();
}

/** The ids of a ring's active members, in no particular order. */
export async function activeIdsOfRing(db: DB, ring: string): Promise<number[]> {
	const rows = await db
		.selectFrom('jobcenter')
		.select('id')
		.where('ring', '=', ring)
		.where('active', '=', 1)
		.execute();
	return rows.map((r) => r.id);
}
