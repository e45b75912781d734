/**
 * Deleting stored rows (one jobcenter, a range of months, some or all channels) as an "upload" of
 * kind `deletion`: it keeps before-images like any upload, so the audit trail lists it and undo restores it.
 */
import { sql } from 'kysely';
import type { DB } from '$lib/server/db';
import { METRICS } from '$lib/server/db/schema';

export interface Selection {
	jobcenterId: number;
	from: string;
	to: string;
	/** null = every channel */
	channels: string[] | null;
}

function selected(s: Selection) {
	const channels = s.channels && s.channels.length ? s.channels : null;
	return sql`jobcenter_id = ${s.jobcenterId} and month between ${s.from} and ${s.to}
		${channels ? sql`and channel_id in (${sql.join(channels)})` : sql``}`;
}

export async function countRows(db: DB, s: Selection): Promise<number> {
	const { rows } = await sql<{ n: number }>`select count(*) as n from monthly_metric
		where ${selected(s)}`.execute(db);
	return rows[0].n;
}

/** Deletes the rows in one transaction and records them; returns the new upload's id and the count. */
export async function deleteRows(
	db: DB,
	s: Selection,
	userId: number | null,
	label: string
): Promise<{ uploadId: number; deleted: number }> {
	return db.transaction().execute(async (trx) => {
		const { id } = await trx
			.insertInto('upload')
			.values({ user_id: userId, file_name: label, sha256: '', kind: 'deletion' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const before = sql.join(METRICS.map((m) => sql.ref(`before_${m}`)));
		const values = sql.join(METRICS.map((m) => sql.ref(m)));
		await sql`insert into upload_metric_change
			(upload_id, jobcenter_id, channel_id, month, existed_before, exists_after, ${before},
			before_upload_id)
			select ${id}, jobcenter_id, channel_id, month, 1, 0, ${values}, upload_id from monthly_metric
			where ${selected(s)}`.execute(trx);
		// The deletion becomes the rows' last writer, so that their deletion counts as an upload's.
		await sql`update monthly_metric set upload_id = ${id} where ${selected(s)}`.execute(trx);
		const result = await sql`delete from monthly_metric where ${selected(s)}`.execute(trx);
		const deleted = Number(result.numAffectedRows ?? 0);
		if (deleted > 0) {
			await trx
				.insertInto('upload_metric_jobcenter')
				.values({ upload_id: id, jobcenter_id: s.jobcenterId })
				.execute();
		}
		await trx.updateTable('upload').set({ rows_updated: deleted }).where('id', '=', id).execute();
		return { uploadId: id, deleted };
	});
}
