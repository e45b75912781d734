/** The upload trail as a viewer may see it: analysts every upload, jobcenter users those of their own jobcenter. */
import { sql } from 'kysely';
import type { DB } from '$lib/server/db';
import type { Viewer } from '$lib/server/auth/authorise';

export interface UploadEntry {
	id: number;
	uploadedAt: string;
	fileName: string;
	kind: string;
	inserted: number;
	updated: number;
	unchanged: number;
	warnings: number;
	undoneAt: string | null;
	dialect: {
		encoding?: string;
		delimiter?: string;
		numberStyle?: string;
		format?: string;
		/** A platform export upload's files (`format: 'native'`). */
		files?: { name: string; format: string; channel?: string | null }[];
	} | null;
	userEmail: string | null;
	/** How many jobcenters' rows it changed, and the first of them by name (not for jobcenter users). */
	jobcenterCount: number;
	jobcenter: string | null;
}

const TOUCHED = sql`(select jobcenter_id from upload_metric_jobcenter where upload_id = u.id
	union all select jobcenter_id from upload_jobcenter_change where upload_id = u.id)`;

/** Jobcenter users see the uploads of the accounts of their own jobcenter and nothing else. */
function visible(db: DB, viewer: Viewer) {
	let query = db.selectFrom('upload as u').leftJoin('app_user as a', 'a.id', 'u.user_id');
	if (viewer.role === 'jobcenter') {
		query = query
			.where('a.role', '=', 'jobcenter')
			.where('a.jobcenter_id', '=', viewer.jobcenterId ?? -1);
	}
	return query;
}

export async function listUploads(db: DB, viewer: Viewer, limit = 200): Promise<UploadEntry[]> {
	const rows = await visible(db, viewer)
		.select([
			'u.id',
			'u.uploaded_at',
			'u.file_name',
			'u.kind',
			'u.rows_inserted',
			'u.rows_updated',
			'u.rows_unchanged',
			'u.warnings',
			'u.undone_at',
			'u.dialect',
			'a.email'
		])
		.select([
			sql<number>`(select count(distinct jobcenter_id) from ${TOUCHED})`.as('jobcenters'),
			sql<string | null>`(select j.name || ' (' || j.code || ')' from jobcenter j
				where j.id = (select min(jobcenter_id) from ${TOUCHED}))`.as('first_jobcenter')
		])
		.orderBy('u.id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		uploadedAt: r.uploaded_at,
		fileName: r.file_name,
		kind: r.kind,
		inserted: r.rows_inserted,
		updated: r.rows_updated,
		unchanged: r.rows_unchanged,
		warnings: r.warnings,
		undoneAt: r.undone_at,
		dialect: r.dialect ? JSON.parse(r.dialect) : null,
		userEmail: r.email,
		jobcenterCount: r.jobcenters,
		jobcenter: viewer.role === 'jobcenter' ? null : r.first_jobcenter
	}));
}

/** Whether the viewer may see (and so undo) this upload; unknown and foreign ids look the same. */
export async function mayUndo(db: DB, viewer: Viewer, uploadId: number): Promise<boolean> {
	const row = await visible(db, viewer)
		.select('u.id')
		.where('u.id', '=', uploadId)
		.executeTakeFirst();
	return row !== undefined;
}
