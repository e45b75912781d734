/** Queries for the overview page: the jobcenter register and follower totals per channel and month. */
import { sql } from 'kysely';
import type { DB } from '.';

export interface JobcenterRow {
	code: string;
	name: string;
	state: string;
	carrier: 'gE' | 'zkT';
	elb: number;
	ring: string | null;
	channels: number;
}

export async function listJobcenters(db: DB): Promise<JobcenterRow[]> {
	return db
		.selectFrom('jobcenter as j')
		.select((eb) => [
			'j.code',
			'j.name',
			'j.state',
			'j.carrier',
			'j.elb',
			'j.ring',
			eb
				.selectFrom('monthly_metric as mm')
				.whereRef('mm.jobcenter_id', '=', 'j.id')
				.select(sql<number>`count(distinct mm.channel_id)`.as('n'))
				.as('channels')
		])
		.where('j.active', '=', 1)
		.orderBy('j.name')
		.execute() as Promise<JobcenterRow[]>;
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
export async function followersByChannel(db: DB, from: string, to: string): Promise<ChannelMonthTotal[]> {
	return db
		.selectFrom('monthly_metric')
		.select(['channel_id', 'month', (eb) => eb.fn.sum<number>('followers').as('followers')])
		.where('month', '>=', from)
		.where('month', '<=', to)
		.where('followers', 'is not', null)
		.groupBy(['channel_id', 'month'])
		.execute();
}
