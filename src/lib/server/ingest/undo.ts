/** Undoes one upload: restores exactly the rows it touched, or refuses when they have changed since. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '$lib/server/db';
import { byId } from '$lib/server/db/jobcenters';
import { METRICS, type Database } from '$lib/server/db/schema';
import type { Lang } from './messages';

export type UndoResult =
	| { ok: true; restored: number }
	| {
			ok: false;
			reason: 'not_found' | 'already_undone' | 'changed_since' | 'jobcenter_in_use';
			message: string;
	  };

class Refused extends Error {
	constructor(readonly result: Extract<UndoResult, { ok: false }>) {
		super(result.message);
	}
}

const REASONS = {
	not_found: ['Upload {id} gibt es nicht.', 'Upload {id} does not exist.'],
	already_undone: [
		'Upload {id} wurde bereits rückgängig gemacht.',
		'Upload {id} has already been undone.'
	],
	changed_since: [
		'Upload {id} kann nicht rückgängig gemacht werden: {n} der Zeilen wurden seither geändert ({later}). Machen Sie zuerst die späteren Änderungen rückgängig.',
		'Upload {id} cannot be undone: {n} of its rows have changed since ({later}). Undo the later changes first.'
	],
	jobcenter_in_use: [
		'Upload {id} kann nicht rückgängig gemacht werden: für das mit ihm angelegte Jobcenter {later} gibt es inzwischen Daten.',
		'Upload {id} cannot be undone: the jobcenter {later} it created has data by now.'
	]
} as const;

function refuse(
	reason: keyof typeof REASONS,
	lang: Lang,
	params: Record<string, string | number>
): never {
	const text = REASONS[reason][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, k) =>
		String(params[k])
	);
	throw new Refused({ ok: false, reason, message: text });
}

const KEY = (a: string, b: string) =>
	sql.raw(
		`${a}.jobcenter_id = ${b}.jobcenter_id and ${a}.channel_id = ${b}.channel_id and ${a}.month = ${b}.month`
	);

/**
 * Every row the upload wrote: those it changed or deleted (with images), those it still is the
 * writer of, those a later upload took over from it and those changed since outside any upload.
 */
const touchedBy = (uploadId: number) => sql`
	select jobcenter_id, channel_id, month from upload_metric_change where upload_id = ${uploadId}
	union select jobcenter_id, channel_id, month from monthly_metric where upload_id = ${uploadId}
	union select jobcenter_id, channel_id, month from upload_metric_change
		where before_upload_id = ${uploadId}
	union select jobcenter_id, channel_id, month from monthly_metric_outside_change
		where upload_id = ${uploadId}`;

export async function undoUpload(db: DB, uploadId: number, lang: Lang = 'de'): Promise<UndoResult> {
	try {
		return await db.transaction().execute(async (trx) => {
			const upload = await trx
				.selectFrom('upload')
				.select(['id', 'undone_at'])
				.where('id', '=', uploadId)
				.executeTakeFirst();
			if (!upload) refuse('not_found', lang, { id: uploadId });
			if (upload.undone_at) refuse('already_undone', lang, { id: uploadId });
			// First, so that the rows undo deletes below are known as the undone upload's.
			await trx
				.updateTable('upload')
				.set({ undone_at: sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ','now')` })
				.where('id', '=', uploadId)
				.execute();
			const restored =
				(await undoMetrics(trx, uploadId, lang)) + (await undoRegister(trx, uploadId, lang));
			return { ok: true as const, restored };
		});
	} catch (e) {
		if (e instanceof Refused) return e.result;
		throw e;
	}
}

async function undoMetrics(trx: Kysely<Database>, uploadId: number, lang: Lang): Promise<number> {
	// A row is as the upload left it while the upload is its writer (or, for a row it deleted, while
	// it is absent); any other write since names another writer or none.
	const changed = await sql<{ n: number; later: string | null }>`
		with touched as (${touchedBy(uploadId)}),
		writers (id) as (
			select l.upload_id from upload_metric_change l join touched t on ${KEY('l', 't')}
			union select l.before_upload_id from upload_metric_change l join touched t on ${KEY('l', 't')}
			union select m.upload_id from monthly_metric m join touched t on ${KEY('m', 't')})
		select count(*) as n, (
			select group_concat(id) from (select w.id from writers w
				join upload u on u.id = w.id and u.undone_at is null
				where w.id > ${uploadId} order by w.id)
		) as later
		from touched t
		left join upload_metric_change c on c.upload_id = ${uploadId} and ${KEY('c', 't')}
		left join monthly_metric m on ${KEY('m', 't')}
		where case when coalesce(c.exists_after, 1) = 1 then m.upload_id is not ${uploadId}
			else m.jobcenter_id is not null end`.execute(trx);
	const { n, later } = changed.rows[0];
	if (n > 0) refuse('changed_since', lang, { id: uploadId, n, later: laterText(later, lang) });

	// The rows it inserted: it is their writer and keeps no image of them.
	const deleted = await sql`delete from monthly_metric where upload_id = ${uploadId}
		and not exists (select 1 from upload_metric_change c
			where c.upload_id = ${uploadId} and ${KEY('c', 'monthly_metric')})`.execute(trx);
	const columns = sql.join([...METRICS, 'upload_id'].map((m) => sql.ref(m)));
	const before = sql.join([...METRICS, 'upload_id'].map((m) => sql.ref(`before_${m}`)));
	const restored =
		await sql`insert into monthly_metric (jobcenter_id, channel_id, month, ${columns})
		select jobcenter_id, channel_id, month, ${before}
		from upload_metric_change where upload_id = ${uploadId} and existed_before = 1
		on conflict (jobcenter_id, channel_id, month) do update set
		${sql.join([...METRICS, 'upload_id'].map((m) => sql`${sql.ref(m)} = excluded.${sql.ref(m)}`))}`.execute(
			trx
		);
	return Number(deleted.numAffectedRows ?? 0) + Number(restored.numAffectedRows ?? 0);
}

function laterText(later: string | null, lang: Lang): string {
	if (!later) return lang === 'en' ? 'not by an upload' : 'nicht durch einen Upload';
	return (lang === 'en' ? 'by upload ' : 'durch Upload ') + later.split(',').join(', ');
}

async function undoRegister(trx: Kysely<Database>, uploadId: number, lang: Lang): Promise<number> {
	const jobcenters = await trx
		.selectFrom('upload_jobcenter_change')
		.selectAll()
		.where('upload_id', '=', uploadId)
		.execute();
	const elbs = await trx
		.selectFrom('upload_elb_change')
		.selectAll()
		.where('upload_id', '=', uploadId)
		.execute();
	let changed = 0;
	for (const c of jobcenters) {
		const now = await byId(trx, c.jobcenter_id, ['name', 'state', 'carrier', 'elb', 'ring']);
		const same =
			now &&
			now.name === c.after_name &&
			now.state === c.after_state &&
			now.carrier === c.after_carrier &&
			now.elb === c.after_elb &&
			now.ring === c.after_ring;
		if (!same) changed++;
	}
	for (const c of elbs) {
		const now = await trx
			.selectFrom('jobcenter_elb')
			.select('elb')
			.where('jobcenter_id', '=', c.jobcenter_id)
			.where('valid_from', '=', c.valid_from)
			.executeTakeFirst();
		if ((now?.elb ?? null) !== c.after_elb) changed++;
	}
	if (changed > 0)
		refuse('changed_since', lang, { id: uploadId, n: changed, later: laterText(null, lang) });

	for (const c of elbs) {
		if (c.before_elb === null) {
			await trx
				.deleteFrom('jobcenter_elb')
				.where('jobcenter_id', '=', c.jobcenter_id)
				.where('valid_from', '=', c.valid_from)
				.execute();
		} else {
			await trx
				.updateTable('jobcenter_elb')
				.set({ elb: c.before_elb })
				.where('jobcenter_id', '=', c.jobcenter_id)
				.where('valid_from', '=', c.valid_from)
				.execute();
		}
	}
	for (const c of jobcenters) {
		if (c.existed_before) {
			await trx
				.updateTable('jobcenter')
				.set({
					name: c.before_name as string,
					state: c.before_state as Database['jobcenter']['state'],
					carrier: c.before_carrier as Database['jobcenter']['carrier'],
					elb: c.before_elb as number,
					ring: c.before_ring
				})
				.where('id', '=', c.jobcenter_id)
				.execute();
			continue;
		}
		const used = await trx
			.selectFrom('monthly_metric')
			.select('jobcenter_id')
			.where('jobcenter_id', '=', c.jobcenter_id)
			.limit(1)
			.executeTakeFirst();
		if (used) refuse('jobcenter_in_use', lang, { id: uploadId, later: c.after_name ?? '' });
		await trx.deleteFrom('jobcenter_elb').where('jobcenter_id', '=', c.jobcenter_id).execute();
		try {
			await trx.deleteFrom('jobcenter').where('id', '=', c.jobcenter_id).execute();
		} catch (e) {
			// Accounts or other records may point at the new jobcenter by now.
			if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw e;
			refuse('jobcenter_in_use', lang, { id: uploadId, later: c.after_name ?? '' });
		}
	}
	return jobcenters.length;
}
