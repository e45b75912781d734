/**
 * The register page's changes. An edit is checked like one line of a register file and written like one,
 * as an upload of its own, so that it keeps the eLb history and can be undone on /lieferungen.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '$lib/server/db';
import { listCodes } from '$lib/server/db/jobcenters';
import { NO_FILTER } from '$lib/register/query';
import { currentMonth } from '$lib/server/clock';
import {
	matchingJobcenters,
	registerPage,
	type MatchingJobcenters,
	type RegisterFilter
} from '$lib/server/db/register';
import { REGISTER_COLUMNS, type RegisterField } from '$lib/server/ingest/aliases';
import { isWarning, type Issue } from '$lib/server/ingest/messages';
import { writeRegister } from '$lib/server/ingest/register';
import { RegisterValidator } from '$lib/server/ingest/validate-register';
import { CodeIndex } from '$lib/server/ingest/values';

/** The `file_name` of uploads made through the register page rather than from a file. */
export const FORM_UPLOAD = 'jobcenter-formular';

export type JobcenterInput = Record<RegisterField, string>;

const FIELDS = Object.keys(REGISTER_COLUMNS) as RegisterField[];

/** A row of the register page: every field it shows and edits, and since when the eLb holds. */
function entries(query: MatchingJobcenters) {
	return query
		.select(['j.id', 'j.code', 'j.name', 'j.state', 'j.carrier', 'j.elb', 'j.ring', 'j.active'])
		.select(
			sql<
				string | null
			>`(select max(valid_from) from jobcenter_elb e where e.jobcenter_id = j.id)`.as(
				'elb_valid_from'
			)
		);
}

/** One page of the register page's list: deactivated jobcenters included, by code. */
export async function listRegister(db: DB, filter: RegisterFilter, page: number) {
	return registerPage(db, filter, page, { inactive: true, orderBy: 'code' }, (query) =>
		entries(query).execute()
	);
}

/** One jobcenter by its exact code, active or not, whatever page it is on. */
export async function registerEntry(db: DB, code: string) {
	const query = matchingJobcenters(db, NO_FILTER, { inactive: true }).where('j.code', '=', code);
	return (await entries(query).executeTakeFirst()) ?? null;
}

export type SaveResult =
	| { ok: true; change: 'inserted' | 'updated' | 'unchanged'; uploadId: number | null }
	| { ok: false; issues: Issue[] }
	| { ok: false; reason: 'exists' | 'not_found' };

/** Adds (`adding`) or changes one jobcenter; the column names in the issues are the German headers. */
export async function saveJobcenter(
	db: DB,
	input: JobcenterInput,
	options: { adding: boolean; userId: number; env?: Record<string, string | undefined> }
): Promise<SaveResult> {
	const code = input.code.trim();
	const codes = new CodeIndex(await listCodes(db));
	const match = code === '' ? null : codes.find(code);
	if (options.adding && match) return { ok: false, reason: 'exists' };
	if (!options.adding && (!match || match.recovered)) return { ok: false, reason: 'not_found' };

	const names = FIELDS.map((f) => REGISTER_COLUMNS[f][0]);
	const month = { current: currentMonth(options.env ?? process.env) };
	const validator = new RegisterValidator(FIELDS, names, 'de', codes, month);
	const issues: Issue[] = [];
	const row = validator.check({ line: 1, cells: FIELDS.map((f) => input[f]) }, issues);
	const errors = issues.filter((i) => !isWarning(i.code));
	if (!row || errors.length > 0) return { ok: false, issues: errors };

	return db.transaction().execute(async (trx) => {
		const { id } = await trx
			.insertInto('upload')
			.values({
				user_id: options.userId,
				file_name: FORM_UPLOAD,
				sha256: createHash('sha256').update(JSON.stringify(input)).digest('hex'),
				kind: 'register',
				dialect: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const { counts } = await writeRegister(trx, id, [row], true);
		const change = counts.inserted ? 'inserted' : counts.updated ? 'updated' : 'unchanged';
		if (change === 'unchanged') {
			await trx.deleteFrom('upload').where('id', '=', id).execute();
			return { ok: true, change, uploadId: null };
		}
		await trx
			.updateTable('upload')
			.set({ rows_inserted: counts.inserted, rows_updated: counts.updated })
			.where('id', '=', id)
			.execute();
		return { ok: true, change, uploadId: id };
	});
}

/** Jobcenters are never deleted; an inactive one leaves the peer groups but keeps its data. */
export async function setActive(db: DB, code: string, active: boolean): Promise<boolean> {
	const result = await db
		.updateTable('jobcenter')
		.set({ active: active ? 1 : 0 })
		.where('code', '=', code)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}
