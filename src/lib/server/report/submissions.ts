/** Who has delivered what for a round: participants × months (and channels) complete, partial or missing. */
import { monthRange, type Month } from '$lib/months';
import type { DB } from '$lib/server/db';
import { METRICS, type Metric } from '$lib/server/db/schema';
import { CLOSED } from '$lib/server/lifecycle';

export type Status = 'complete' | 'partial' | 'missing';

/** What a complete delivery has; the answer time is optional, so its absence leaves a month complete. */
const EXPECTED = METRICS.filter(
	(m): m is Exclude<Metric, 'response_hours'> => m !== 'response_hours'
);

type Row = { channel: string } & Record<(typeof EXPECTED)[number], number | null>;

export interface MonthCell {
	month: Month;
	status: Status;
	/** By channel id, for every channel the jobcenter reports in the round's period. */
	channels: Record<string, Status>;
	/** The newest upload that touched this month, ISO; null when none (or demo data). */
	latestUpload: string | null;
}

export interface SubmissionRow {
	id: number;
	code: string;
	name: string;
	/** The channels it reports in the period: what "complete" is measured against. */
	channels: string[];
	months: MonthCell[];
	latestUpload: string | null;
}

/** A channel's month: every expected metric reported, some of them, or no row. */
export function channelStatus(row: Row | undefined): Status {
	if (!row) return 'missing';
	return EXPECTED.every((m) => row[m] !== null) ? 'complete' : 'partial';
}

/** A month is complete when every expected channel is; missing when no channel has a row. */
export function monthStatus(
	rows: readonly Row[],
	expected: readonly string[]
): Omit<MonthCell, 'month' | 'latestUpload'> {
	const channels: Record<string, Status> = {};
	for (const channel of expected)
		channels[channel] = channelStatus(rows.find((r) => r.channel === channel));
	const statuses = Object.values(channels);
	const status: Status =
		rows.length === 0 || statuses.length === 0
			? 'missing'
			: statuses.every((s) => s === 'complete')
				? 'complete'
				: 'partial';
	return { status, channels };
}

/** The matrix for these participants; a closed round is measured against its frozen rows. */
export async function submissions(
	db: DB,
	round: { id: number; from: Month; to: Month; status: string },
	participants: readonly { id: number; code: string; name: string }[]
): Promise<{ months: Month[]; rows: SubmissionRow[] }> {
	const months = monthRange(round.from, round.to);
	const ids = participants.map((p) => p.id);
	if (ids.length === 0) return { months, rows: [] };
	const rows =
		round.status === CLOSED
			? await db
					.selectFrom('round_snapshot_metric')
					.select(['jobcenter_id', 'month', 'channel_id as channel', ...EXPECTED])
					.where('round_id', '=', round.id)
					.where('jobcenter_id', 'in', ids)
					.execute()
			: await db
					.selectFrom('monthly_metric')
					.select(['jobcenter_id', 'month', 'channel_id as channel', ...EXPECTED])
					.where('jobcenter_id', 'in', ids)
					.where('month', '>=', round.from)
					.where('month', '<=', round.to)
					.execute();
	// The latest upload per row: its writer now, or one that changed or deleted it since.
	const uploads = await db
		.selectFrom((eb) =>
			eb
				.selectFrom('upload_metric_change')
				.select(['upload_id', 'jobcenter_id', 'month'])
				.unionAll(
					eb
						.selectFrom('monthly_metric')
						.select(['upload_id', 'jobcenter_id', 'month'])
						.where('upload_id', 'is not', null)
						.$narrowType<{ upload_id: number }>()
				)
				.as('c')
		)
		.innerJoin('upload as u', 'u.id', 'c.upload_id')
		.select((eb) => ['c.jobcenter_id', 'c.month', eb.fn.max('u.uploaded_at').as('at')])
		.where('u.undone_at', 'is', null)
		.where('c.jobcenter_id', 'in', ids)
		.where('c.month', '>=', round.from)
		.where('c.month', '<=', round.to)
		.groupBy(['c.jobcenter_id', 'c.month'])
		.execute();

	return {
		months,
		rows: participants.map((p) => {
			const own = rows.filter((r) => r.jobcenter_id === p.id);
			const channels = [...new Set(own.map((r) => r.channel))].sort();
			const cells = months.map((month) => ({
				month,
				...monthStatus(
					own.filter((r) => r.month === month),
					channels
				),
				latestUpload: uploads.find((u) => u.jobcenter_id === p.id && u.month === month)?.at ?? null
			}));
			const dates = cells.flatMap((c) => (c.latestUpload ? [c.latestUpload] : []));
			return { ...p, channels, months: cells, latestUpload: dates.sort().at(-1) ?? null };
		})
	};
}

/** One line per participant with gaps, for a reminder mail: what is missing and what is incomplete. */
export function reminderLines(
	rows: readonly SubmissionRow[],
	monthName: (m: Month) => string,
	words: { missing: string; partial: string }
): string[] {
	return rows.flatMap((row) => {
		const missing = row.months.filter((c) => c.status === 'missing').map((c) => monthName(c.month));
		const partial = row.months.filter((c) => c.status === 'partial').map((c) => monthName(c.month));
		if (missing.length === 0 && partial.length === 0) return [];
		const parts = [
			...(missing.length ? [`${words.missing}: ${missing.join(', ')}`] : []),
			...(partial.length ? [`${words.partial}: ${partial.join(', ')}`] : [])
		];
		return [`${row.name} (${row.code}) – ${parts.join('; ')}`];
	});
}
