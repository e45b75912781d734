/** The engine's DataSource over a closed round's frozen copy: participants, eLb and rows as they were at closing. */
import type { Month } from '$lib/months';
import type { DB } from '$lib/server/db';
import { METRICS } from '$lib/server/db/schema';
import type { DataSource, ElbValue, JobcenterRecord, MetricRow } from './types';

export interface SnapshotInfo {
	closedAt: string;
	closedBy: string;
}

/** When and by whom the round's current snapshot was taken; null while it has none. */
export async function snapshotInfo(db: DB, roundId: number): Promise<SnapshotInfo | null> {
	const row = await db
		.selectFrom('round_snapshot')
		.select(['closed_at', 'closed_by'])
		.where('round_id', '=', roundId)
		.executeTakeFirst();
	return row ? { closedAt: row.closed_at, closedBy: row.closed_by } : null;
}

/**
 * Reads the whole copy once (a round is a few dozen jobcenters over one period) and answers every
 * call from memory; null when the round has no snapshot.
 */
export async function snapshotSource(db: DB, roundId: number): Promise<DataSource | null> {
	const head = await db
		.selectFrom('round_snapshot')
		.select(['min_peers', 'fte_hours_per_month'])
		.where('round_id', '=', roundId)
		.executeTakeFirst();
	if (!head) return null;
	const members = await db
		.selectFrom('round_snapshot_jobcenter')
		.select(['jobcenter_id', 'code', 'name', 'state', 'carrier', 'ring', 'active'])
		.where('round_id', '=', roundId)
		.execute();
	const elbRows = await db
		.selectFrom('round_snapshot_elb')
		.select(['jobcenter_id', 'valid_from', 'elb'])
		.where('round_id', '=', roundId)
		.orderBy('jobcenter_id')
		.orderBy('valid_from')
		.execute();
	const metricRows = await db
		.selectFrom('round_snapshot_metric')
		.select(['jobcenter_id', 'month', 'channel_id as channel', ...METRICS])
		.where('round_id', '=', roundId)
		.execute();

	const history = new Map<number, ElbValue[]>();
	for (const { jobcenter_id, valid_from, elb } of elbRows) {
		const list = history.get(jobcenter_id) ?? [];
		list.push({ validFrom: valid_from, elb });
		history.set(jobcenter_id, list);
	}
	const records: JobcenterRecord[] = members.map(({ jobcenter_id, active, ...rest }) => ({
		...rest,
		id: jobcenter_id,
		active: active === 1,
		elbHistory: history.get(jobcenter_id) ?? []
	}));
	const rowsOf = new Map<number, (MetricRow & { month: Month })[]>();
	for (const { jobcenter_id, ...row } of metricRows) {
		const list = rowsOf.get(jobcenter_id) ?? [];
		list.push(row);
		rowsOf.set(jobcenter_id, list);
	}

	return {
		settings: { minPeers: head.min_peers, fteHoursPerMonth: head.fte_hours_per_month },
		async jobcenters() {
			return records;
		},
		async metricRows(jobcenterIds, from, to, channels) {
			const wanted = channels && new Set(channels);
			const result = new Map<number, MetricRow[]>();
			for (const id of jobcenterIds) {
				const rows = (rowsOf.get(id) ?? []).filter(
					(r) => r.month >= from && r.month <= to && (!wanted || wanted.has(r.channel))
				);
				if (rows.length) result.set(id, rows);
			}
			return result;
		},
		async latestMonth(jobcenterIds, notAfter) {
			let latest: Month | null = null;
			for (const id of jobcenterIds) {
				for (const r of rowsOf.get(id) ?? []) {
					if (r.month <= notAfter && (latest === null || r.month > latest)) latest = r.month;
				}
			}
			return latest;
		}
	};
}
