/** Benchlearning rounds: create, edit, list and read them, and who may open one; invalid input comes back as problems in German. */
import { addMonths, isMonth, type Month } from '$lib/months';
import { m } from '$lib/paraglide/messages';
import { inTransaction, type DB } from '$lib/server/db';
import { can, type Viewer } from '$lib/server/auth/authorise';
import { activeIdsOfRing, byCodes, listByName } from '$lib/server/db/jobcenters';
import { currentMonth } from '$lib/server/clock';
import type { PeerGroupSpec } from '$lib/server/kpi/peers';
import { EARLIEST_MONTH, periodProblem } from '$lib/server/params';
import { orderProblem } from './roundOrder';

export const MAX_NAME_LENGTH = 120;

export interface RoundInput {
	name: string;
	from: string;
	to: string;
	/** Takes every active member of the ring at the time of saving; excludes `jobcenters`. */
	ring?: string | null;
	/** Jobcenter codes. */
	jobcenters?: readonly string[];
	/** The id of the ring's previous round, or null for none. */
	predecessor?: number | null;
}

export type RoundField = 'round' | 'name' | 'from' | 'to' | 'members' | 'predecessor';

/** One reason why the input cannot be saved, for the form field it belongs to. */
export interface RoundProblem {
	field: RoundField;
	message: string;
}

export type RoundResult = { ok: true; id: number } | { ok: false; problems: RoundProblem[] };

export interface RoundSummary {
	id: number;
	name: string;
	from: Month;
	to: Month;
	status: string;
	createdAt: string;
	createdBy: string;
	predecessorId: number | null;
	members: number;
}

export interface RoundParticipant {
	id: number;
	code: string;
	name: string;
}

export interface Round extends Omit<RoundSummary, 'members'> {
	participants: RoundParticipant[];
}

/** Rings with active members and the active jobcenters: what a round can be made of. */
export async function roundChoices(db: DB) {
	const jobcenters = await listByName(db, ['code', 'name', 'ring']);
	const rings = [...new Set(jobcenters.flatMap((j) => (j.ring ? [j.ring] : [])))].sort();
	return { rings, jobcenters };
}

export async function createRound(
	db: DB,
	input: RoundInput,
	createdBy: string
): Promise<RoundResult> {
	const checked = await validate(db, input, null);
	if (!checked.ok) return checked;
	const { name, from, to, memberIds, predecessor } = checked;
	const id = await inTransaction(db, async (trx) => {
		const round = await trx
			.insertInto('round')
			.values({
				name,
				from_month: from,
				to_month: to,
				created_by: createdBy,
				predecessor_id: predecessor
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await insertMembers(trx, round.id, memberIds);
		return round.id;
	});
	return { ok: true, id };
}

/** Replaces name, period and participants; a closed round stays as it was. */
export async function updateRound(db: DB, id: number, input: RoundInput): Promise<RoundResult> {
	const round = await db
		.selectFrom('round')
		.select(['name', 'status'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!round) return problem('round', m.round_unknown({ id: String(id) }));
	if (round.status !== 'open') return problem('round', m.round_closed({ name: round.name }));
	const checked = await validate(db, input, id);
	if (!checked.ok) return checked;
	const { name, from, to, memberIds, predecessor } = checked;
	await inTransaction(db, async (trx) => {
		await trx
			.updateTable('round')
			.set({ name, from_month: from, to_month: to, predecessor_id: predecessor })
			.where('id', '=', id)
			.execute();
		await trx.deleteFrom('round_member').where('round_id', '=', id).execute();
		await insertMembers(trx, id, memberIds);
	});
	return { ok: true, id };
}

/** Every round with its number of participants, the latest period first. */
export async function listRounds(db: DB): Promise<RoundSummary[]> {
	const rows = await db
		.selectFrom('round')
		.leftJoin('round_member', 'round_member.round_id', 'round.id')
		.select((eb) => [
			...([
				'round.id',
				'round.name',
				'round.from_month',
				'round.to_month',
				'round.status'
			] as const),
			...(['round.created_at', 'round.created_by', 'round.predecessor_id'] as const),
			eb.fn.count<number>('round_member.jobcenter_id').as('members')
		])
		.groupBy('round.id')
		.orderBy('round.to_month', 'desc')
		.orderBy('round.id', 'desc')
		.execute();
	return rows.map(({ members, ...row }) => ({ ...summary(row), members: Number(members) }));
}

export async function getRound(db: DB, id: number): Promise<Round | null> {
	const row = await db.selectFrom('round').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) return null;
	const participants = await db
		.selectFrom('round_member')
		.innerJoin('jobcenter', 'jobcenter.id', 'round_member.jobcenter_id')
		.select(['jobcenter.id', 'jobcenter.code', 'jobcenter.name'])
		.where('round_member.round_id', '=', id)
		.orderBy('jobcenter.code')
		.execute();
	return { ...summary(row), participants };
}

/** The round as the engine's peer group, or null when there is no such round. */
export async function roundPeers(
	db: DB,
	id: number
): Promise<(PeerGroupSpec & { type: 'round' }) | null> {
	const round = await getRound(db, id);
	return round && { type: 'round', id, members: round.participants.map((p) => p.id) };
}

/** Who may open a round: analysts any; a jobcenter user its own. `own`: the viewer's participant. */
export type RoundReader<P> = { all: true; own: P | null } | { all: false; own: P };

/**
 * The one rule of who takes part in a round: the participant that is this jobcenter, or null. The
 * round's pages (through `roundReader`) and the dashboard filtered by a round both ask it.
 */
export function participantOf<P extends { id: number }>(
	participants: readonly P[],
	jobcenterId: number | null
): P | null {
	return jobcenterId === null ? null : (participants.find((p) => p.id === jobcenterId) ?? null);
}

/** The participants whose rows the reader sees: every one for analysts, else its own. */
export function readableParticipants<P>(reader: RoundReader<P>, participants: readonly P[]): P[] {
	return reader.all ? [...participants] : [reader.own];
}

/**
 * Whether the viewer may open the round at all: analysts every round, a jobcenter user only one it
 * takes part in. Null otherwise, to be answered exactly like a round that does not exist, so that
 * round ids cannot be probed.
 */
export function roundReader<P extends { id: number }>(
	viewer: Viewer,
	participants: readonly P[] | null
): RoundReader<P> | null {
	if (!participants) return null;
	const own = participantOf(participants, viewer.jobcenterId);
	if (can(viewer, 'read_all')) return { all: true, own };
	return own ? { all: false, own } : null;
}

/**
 * The participant whose report or export `code` asks for. A jobcenter user gets its own, asked for
 * or not, and may ask for no other; analysts get the one they name, or none without a code.
 */
export function readParticipant<P extends { code: string }>(
	reader: RoundReader<P>,
	participants: readonly P[],
	code: string | null
): P | null | 'forbidden' | 'not_participant' {
	if (!reader.all && reader.own)
		return code === null || code === reader.own.code ? reader.own : 'forbidden';
	if (code === null) return null;
	return participants.find((p) => p.code === code) ?? 'not_participant';
}

type Checked =
	| {
			ok: true;
			name: string;
			from: Month;
			to: Month;
			memberIds: number[];
			predecessor: number | null;
	  }
	| { ok: false; problems: RoundProblem[] };

/** `id` is the round being edited, null for a new one. */
async function validate(db: DB, input: RoundInput, id: number | null): Promise<Checked> {
	const problems: RoundProblem[] = [];
	const name = input.name.trim();
	const from = input.from.trim();
	const to = input.to.trim();
	if (name === '') problems.push({ field: 'name', message: m.round_name_missing() });
	else if (name.length > MAX_NAME_LENGTH) {
		problems.push({ field: 'name', message: m.round_name_too_long({ max: MAX_NAME_LENGTH }) });
	}
	if (!isMonth(from)) problems.push({ field: 'from', message: m.round_bad_from({ value: from }) });
	if (!isMonth(to)) problems.push({ field: 'to', message: m.round_bad_to({ value: to }) });
	if (isMonth(from) && isMonth(to) && from > to) {
		problems.push({ field: 'to', message: m.round_period_reversed({ from, to }) });
	} else if (isMonth(from) && isMonth(to)) {
		// A round may be planned a year ahead; the bound keeps its reports bounded work.
		const bound = periodProblem(from, to, addMonths(currentMonth(), 12));
		if (bound) problems.push({ field: from < EARLIEST_MONTH ? 'from' : 'to', message: bound });
	}
	const members = await memberIds(db, input);
	if (typeof members === 'string') problems.push({ field: 'members', message: members });
	const predecessor = input.predecessor ?? null;
	if (isMonth(from) && isMonth(to)) {
		const order = await orderProblem(db, id, predecessor, from, to);
		if (order) problems.push({ field: 'predecessor', message: order });
	}
	if (problems.length > 0 || typeof members === 'string') return { ok: false, problems };
	return { ok: true, name, from, to, memberIds: members, predecessor };
}

/** The participants' ids, or the sentence that says why there are none. */
async function memberIds(db: DB, input: RoundInput): Promise<number[] | string> {
	const ring = input.ring?.trim() || null;
	const codes = [...new Set((input.jobcenters ?? []).map((c) => c.trim()).filter(Boolean))];
	if (ring && codes.length > 0) return m.round_ring_or_jobcenters();
	if (ring) {
		const ids = await activeIdsOfRing(db, ring);
		return ids.length > 0 ? ids : m.round_unknown_ring({ ring });
	}
	if (codes.length === 0) return m.round_no_members();
	const rows = await byCodes(db, codes);
	const known = new Set(rows.map((r) => r.code));
	const unknown = codes.filter((c) => !known.has(c));
	return unknown.length > 0
		? m.round_unknown_jobcenters({ codes: unknown.join(', ') })
		: rows.map((r) => r.id);
}

async function insertMembers(db: DB, roundId: number, ids: readonly number[]): Promise<void> {
	await db
		.insertInto('round_member')
		.values(ids.map((jobcenter_id) => ({ round_id: roundId, jobcenter_id })))
		.execute();
}

function problem(field: RoundField, message: string): RoundResult {
	return { ok: false, problems: [{ field, message }] };
}

function summary(row: {
	id: number;
	name: string;
	from_month: string;
	to_month: string;
	status: string;
	created_at: string;
	created_by: string;
	predecessor_id: number | null;
}): Omit<RoundSummary, 'members'> {
	const {
		from_month: from,
		to_month: to,
		created_at: createdAt,
		created_by: createdBy,
		predecessor_id: predecessorId,
		...rest
	} = row;
	return { ...rest, from, to, createdAt, createdBy, predecessorId };
}
