/** Upserts register rows by code inside the caller's transaction, with the eLb history and undo images. */
import type { Kysely } from 'kysely';
import type { Carrier, Database, State } from '$lib/server/db/schema';
import { byId } from '$lib/server/db/jobcenters';
import type { Counts } from './write';
import type { RegisterRow } from './validate';
import { EARLIEST_MONTH } from './values';

interface Fields {
	name: string;
	state: State;
	carrier: Carrier;
	elb: number;
	ring: string | null;
}

interface HistoryEntry {
	valid_from: string;
	elb: number;
}

/** The eLb valid in `month`: the newest entry not after it, or the first entry for earlier months. */
export function elbAt(history: HistoryEntry[], month: string): number | null {
	const sorted = [...history].sort((a, b) => a.valid_from.localeCompare(b.valid_from));
	const entry = sorted.filter((h) => h.valid_from <= month).at(-1) ?? sorted[0];
	return entry?.elb ?? null;
}

/** One changed jobcenter for the preview: each field the file changes, stored → new. */
export interface RegisterChange {
	line: number;
	code: string;
	/** The stored name, by which people know the jobcenter. */
	name: string;
	diffs: {
		field: keyof Fields;
		before: string | number | null;
		after: string | number | null;
		/** For the eLb: the month from which the new value holds. */
		validFrom?: string;
	}[];
}

const SAMPLE_CHANGES = 100;

export async function writeRegister(
	trx: Kysely<Database>,
	uploadId: number,
	rows: RegisterRow[],
	write: boolean
): Promise<{ counts: Counts; changes: RegisterChange[] }> {
	const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
	const changes: RegisterChange[] = [];
	for (const row of rows) {
		if (row.existingId === null) {
			if (write) await insert(trx, uploadId, row);
			counts.inserted++;
			continue;
		}
		const change = await update(trx, uploadId, row, write);
		counts[change ? 'updated' : 'unchanged']++;
		if (change && changes.length < SAMPLE_CHANGES) changes.push(change);
	}
	return { counts, changes };
}

async function insert(trx: Kysely<Database>, uploadId: number, row: RegisterRow): Promise<void> {
	const after: Fields = { ...pick(row), ring: row.ring ?? null };
	const { id } = await trx
		.insertInto('jobcenter')
		.values({ code: row.code, ...after })
		.returning('id')
		.executeTakeFirstOrThrow();
	await trx
		.insertInto('jobcenter_elb')
		.values({ jobcenter_id: id, valid_from: row.validFrom, elb: row.elb })
		.execute();
	await trx
		.insertInto('upload_jobcenter_change')
		.values({ upload_id: uploadId, jobcenter_id: id, existed_before: 0, ...images('after', after) })
		.execute();
	await trx
		.insertInto('upload_elb_change')
		.values({
			upload_id: uploadId,
			jobcenter_id: id,
			valid_from: row.validFrom,
			before_elb: null,
			after_elb: row.elb
		})
		.execute();
}

async function update(
	trx: Kysely<Database>,
	uploadId: number,
	row: RegisterRow,
	write: boolean
): Promise<RegisterChange | null> {
	const id = row.existingId as number;
	const stored = await byId(trx, id, ['name', 'state', 'carrier', 'elb', 'ring', 'created_at']);
	if (!stored) throw new Error(`The jobcenter with id ${id} went missing during its own update.`);
	let history = await trx
		.selectFrom('jobcenter_elb')
		.select(['valid_from', 'elb'])
		.where('jobcenter_id', '=', id)
		.execute();
	// Jobcenters created outside the importer have no history yet: their value holds since creation.
	const since = stored.created_at.slice(0, 7);
	const baseline =
		history.length === 0
			? [{ valid_from: since > EARLIEST_MONTH ? since : EARLIEST_MONTH, elb: stored.elb }]
			: [];
	history = [...history, ...baseline];
	const elbChanges: { valid_from: string; before_elb: number | null; after_elb: number }[] = [];
	const elbBefore = elbAt(history, row.validFrom);
	if (elbBefore !== row.elb) {
		const same = history.find((h) => h.valid_from === row.validFrom);
		const isBaseline = baseline.some((b) => b.valid_from === row.validFrom);
		for (const b of baseline) {
			if (b.valid_from === row.validFrom) continue;
			elbChanges.push({ valid_from: b.valid_from, before_elb: null, after_elb: b.elb });
		}
		elbChanges.push({
			valid_from: row.validFrom,
			before_elb: same && !isBaseline ? same.elb : null,
			after_elb: row.elb
		});
		history = [
			...history.filter((h) => h.valid_from !== row.validFrom),
			{ valid_from: row.validFrom, elb: row.elb }
		];
	}
	const latest = [...history].sort((a, b) => b.valid_from.localeCompare(a.valid_from))[0].elb;
	const after: Fields = {
		...pick(row),
		elb: latest,
		ring: row.ring === undefined ? stored.ring : row.ring
	};
	const change: RegisterChange = {
		line: row.line,
		code: row.code,
		name: stored.name,
		diffs: (['name', 'state', 'carrier', 'ring'] as const)
			.filter((k) => after[k] !== stored[k])
			.map((field) => ({ field, before: stored[field], after: after[field] }))
	};
	if (elbChanges.length > 0) {
		change.diffs.push({
			field: 'elb',
			before: elbBefore,
			after: row.elb,
			validFrom: row.validFrom
		});
	}
	if (change.diffs.length === 0) return null;
	if (!write) return change;

	await trx.updateTable('jobcenter').set(after).where('id', '=', id).execute();
	for (const change of elbChanges) {
		await trx
			.insertInto('jobcenter_elb')
			.values({ jobcenter_id: id, valid_from: change.valid_from, elb: change.after_elb })
			.onConflict((oc) =>
				oc.columns(['jobcenter_id', 'valid_from']).doUpdateSet({ elb: change.after_elb })
			)
			.execute();
		await trx
			.insertInto('upload_elb_change')
			.values({ upload_id: uploadId, jobcenter_id: id, ...change })
			.execute();
	}
	await trx
		.insertInto('upload_jobcenter_change')
		.values({
			upload_id: uploadId,
			jobcenter_id: id,
			existed_before: 1,
			...images('before', {
				name: stored.name,
				state: stored.state,
				carrier: stored.carrier,
				elb: stored.elb,
				ring: stored.ring
			}),
			...images('after', after)
		})
		.execute();
	return change;
}

function pick(row: RegisterRow): Omit<Fields, 'ring'> {
	return { name: row.name, state: row.state, carrier: row.carrier, elb: row.elb };
}

function images<S extends 'before' | 'after'>(side: S, fields: Fields) {
	return Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${side}_${k}`, v])) as {
		[K in keyof Fields as `${S}_${K}`]: Fields[K];
	};
}
