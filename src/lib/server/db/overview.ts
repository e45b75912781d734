/** Queries for the overview page: the jobcenter register, a page at a time, and follower totals per channel and month. */
import { sql } from 'kysely';
import type { DB } from '.';
import { registerPage, type RegisterFilter, type RegisterPage } from './register';

export interface JobcenterRow {
	code: string;
	name: string;
	state: string;
	carrier: 'gE' | 'zkT';
	elb: number;
	ring: string | null;
	channels: number;
}

/** One page of the active jobcenters that match the filter, by name, with how many channels have figures. */
export async function listJobcenters(
	db: DB,
	filter: RegisterFilter,
	page: number
): Promise<RegisterPage<JobcenterRow>> {
	return registerPage(
		db,
		filter,
		page,
		{ orderBy: 'name' },
		(query) =>
			query
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
				.execute() as Promise<JobcenterRow[]>
	);
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

/**
 * `followersByChannel`, kept until `version` (see `dataVersion`) changes: for the national data the
 * totals read 24 months of every jobcenter, about 30 ms of the server's thread on each analyst's
 * overview, and they change only with the figures. Callers must not mutate what they get back.
 */
export function keptTotals(version: (db: DB) => Promise<string>) {
	const kept = new WeakMap<DB, { key: string; rows: Promise<ChannelMonthTotal[]> }>();
	return async (db: DB, from: string, to: string): Promise<ChannelMonthTotal[]> => {
		// Taken before the query: a write meanwhile leaves newer rows under an older key, never older ones.
		const key = `${await version(db)}|${from}|${to}`;
		const entry = kept.get(db);
		if (entry?.key === key) return entry.rows;
		const rows = followersByChannel(db, from, to);
		kept.set(db, { key, rows });
		rows.catch(() => {
			if (kept.get(db)?.rows === rows) kept.delete(db);
		});
		return rows;
	};
}
