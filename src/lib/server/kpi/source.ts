/** The engine's DataSource over the live tables, and the process-wide cached instance of it. */
import { sql } from 'kysely';
import { CHANNELS } from '$lib/channels';
import { monthRange, type Month } from '$lib/months';
import type { DB } from '$lib/server/db';
import { listAll } from '$lib/server/db/jobcenters';
import { METRICS } from '$lib/server/db/schema';
import { latestGoals } from '$lib/server/profiles/goals';
import { nextTurn } from '$lib/server/turn';
import { cachedSource } from './cache';
import { readKpiSettings, type KpiSettings } from './settings';
import type { DataSource, ElbValue, MetricRow } from './types';
import { dataVersion } from './version';

/**
 * The live tables behind a cache that empties on every write. Keep one instance per database for
 * the life of the process, so that pages share it.
 */
export function liveSource(db: DB, settings: KpiSettings = readKpiSettings()): DataSource {
	return cachedSource(tableSource(db, settings), () => dataVersion(db));
}

/** About 10 ms of the server's thread per query. */
const ROWS_PER_QUERY = 1500;
const READ_ATTEMPTS = 3;

/** How many jobcenters one query reads, from the rows each has at most in the period. */
function jobcentersPerQuery(from: Month, to: Month, channels: number): number {
	const rowsEach = Math.max(1, monthRange(from, to).length * channels);
	return Math.max(1, Math.floor(ROWS_PER_QUERY / rowsEach));
}

export function tableSource(db: DB, settings: KpiSettings): DataSource {
	return {
		settings,
		async jobcenters() {
			const rows = await listAll(db, [
				'id',
				'code',
				'name',
				'state',
				'carrier',
				'ring',
				'active',
				'elb'
			]);
			const history = await elbHistory(db);
			const goals = await latestGoals(db);
			return rows.map(({ elb, active, ...rest }) => ({
				...rest,
				active: active === 1,
				elbHistory: history.get(rest.id) ?? [{ validFrom: '0000-01', elb }],
				goals: goals.get(rest.id) ?? []
			}));
		},
		async metricRows(jobcenterIds, from, to, channels) {
			if (jobcenterIds.length === 0 || channels?.length === 0) return new Map();
			// Naming the channels even for "all" lets SQLite seek the primary key (jobcenter, channel,
			// month) instead of the month index plus a lookup per row: about half the time.
			const every = db.selectFrom('channel').select('id');
			const query = (ids: number[]) =>
				db
					.selectFrom('monthly_metric')
					.select(['jobcenter_id', 'month', 'channel_id as channel', ...METRICS])
					.where('jobcenter_id', 'in', ids)
					.where('month', '>=', from)
					.where('month', '<=', to)
					.where('channel_id', 'in', channels ?? every);
			// The national group's rows in one query hold the server's thread for 100 ms and more;
			// in slices, other requests are answered in between. A write meanwhile (an import's
			// commit, a sign-in) could mix two states of the data: then the rows are read again.
			const ids = [...new Set(jobcenterIds)].sort((a, b) => a - b);
			const slice = jobcentersPerQuery(from, to, channels?.length ?? CHANNELS.length);
			for (let attempt = 1; ; attempt++) {
				// The last attempt reads in one query: one state of the data, whatever is written.
				const size = attempt === READ_ATTEMPTS ? ids.length : slice;
				const sliced = ids.length > size;
				const before = sliced ? await dataVersion(db) : null;
				const byJobcenter = new Map<number, MetricRow[]>();
				for (let i = 0; i < ids.length; i += size) {
					if (i > 0) await nextTurn();
					for (const { jobcenter_id, ...row } of await query(ids.slice(i, i + size)).execute()) {
						const list = byJobcenter.get(jobcenter_id);
						if (list) list.push(row);
						else byJobcenter.set(jobcenter_id, [row]);
					}
				}
				if (!sliced || (await dataVersion(db)) === before) return byJobcenter;
			}
		},
		async latestMonth(jobcenterIds, notAfter) {
			if (jobcenterIds.length === 0) return null;
			const row = await db
				.selectFrom('monthly_metric')
				.select((eb) => eb.fn.max('month').as('month'))
				.where('jobcenter_id', 'in', jobcenterIds)
				.where('month', '<=', notAfter)
				.executeTakeFirst();
			return row?.month ?? null;
		}
	};
}

/**
 * eLb history by jobcenter from `jobcenter_elb` (added by the register migration), empty while
 * that table does not exist yet, so that `jobcenter.elb` stands in; `valid_from` may be a month
 * or a date.
 */
async function elbHistory(db: DB): Promise<Map<number, ElbValue[]>> {
	const history = new Map<number, ElbValue[]>();
	const table = await sql<{ n: number }>`select count(*) as n from sqlite_master
		where type = 'table' and name = 'jobcenter_elb'`.execute(db);
	if (table.rows[0].n === 0) return history;
	const rows = await sql<{ jobcenter_id: number; valid_from: string; elb: number }>`
		select jobcenter_id, substr(valid_from, 1, 7) as valid_from, elb from jobcenter_elb
		order by jobcenter_id, valid_from`.execute(db);
	for (const { jobcenter_id, valid_from, elb } of rows.rows) {
		const entry = { validFrom: valid_from, elb };
		const list = history.get(jobcenter_id);
		if (list) list.push(entry);
		else history.set(jobcenter_id, [entry]);
	}
	return history;
}
