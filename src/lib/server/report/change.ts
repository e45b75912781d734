/**
 * Round over round: each KPI's change against the round's predecessor, with its direction and, where the
 * catalogue says which way is better, a judgement ("direction of travel"); neutral KPIs are never judged.
 */
import { decimalsOf } from '$lib/kpi-format';
import { uiLocale } from '$lib/i18n/locale';
import type { Month } from '$lib/months';
import type { DB } from '$lib/server/db';
import { kpi, KPIS, type Better, type KpiId, type Unit } from '$lib/server/kpi/catalogue';
import { KpiRequestError, type KpiRequest } from '$lib/server/kpi/engine';
import { ownValues } from '$lib/server/kpi/present';
import { sourceFor } from '$lib/server/kpi/sources';
import type { DataSource } from '$lib/server/kpi/types';
import { getRound, type Round } from '$lib/server/rounds';

export type Direction = 'up' | 'down' | 'same';
export type Judgement = 'better' | 'worse' | 'same' | 'neutral';

export interface KpiChange {
	id: KpiId;
	unit: Unit;
	better: Better;
	current: number | null;
	previous: number | null;
	/** current − previous in the KPI's unit (percentage points for a percentage); null without both. */
	delta: number | null;
	/** The delta in percent of the previous value; null for percentages, and where it was 0 or is missing. */
	relative: number | null;
	direction: Direction | null;
	judgement: Judgement | null;
}

/** "same" means the same in the digits a reader sees, so that the text never says "up" beside equal numbers. */
export function kpiChange(
	kpi: { id: KpiId; unit: Unit; better: Better },
	current: number | null,
	previous: number | null
): KpiChange {
	const base = { id: kpi.id, unit: kpi.unit, better: kpi.better, current, previous };
	if (current === null || previous === null) {
		return { ...base, delta: null, relative: null, direction: null, judgement: null };
	}
	const factor = 10 ** decimalsOf(kpi.unit);
	const shown = (v: number) => Math.round(v * factor);
	const delta = current - previous;
	const direction: Direction =
		shown(current) === shown(previous) ? 'same' : delta > 0 ? 'up' : 'down';
	const judgement: Judgement =
		kpi.better === 'neutral'
			? 'neutral'
			: direction === 'same'
				? 'same'
				: (direction === 'up') === (kpi.better === 'higher')
					? 'better'
					: 'worse';
	const relative = kpi.unit === 'pct' || previous === 0 ? null : (delta / Math.abs(previous)) * 100;
	return { ...base, delta: direction === 'same' ? 0 : delta, relative, direction, judgement };
}

/** Every KPI of the catalogue, from two lists of values by KPI id; a missing list means no comparison. */
export function kpiChanges(
	current: ReadonlyMap<KpiId, number | null>,
	previous: ReadonlyMap<KpiId, number | null> | null
): KpiChange[] {
	return KPIS.map((k) => kpiChange(k, current.get(k.id) ?? null, previous?.get(k.id) ?? null));
}

/** The changes with each KPI's name in the reader's language, for a table. */
export function labelled(changes: KpiChange[]) {
	const locale = uiLocale();
	return changes.map((c) => ({ ...c, label: kpi(c.id).label[locale] }));
}

export interface RoundChanges {
	predecessor: { id: number; name: string; from: Month; to: Month; status: string };
	/** By jobcenter id; null for a participant that did not take part in the predecessor. */
	byJobcenter: Map<number, KpiChange[] | null>;
}

/**
 * The changes of the round's participants (or of `only` among them) against its predecessor; null
 * when it names none. Each round is read as its pages read it: a closed one from its snapshot.
 */
export async function roundChanges(
	db: DB,
	live: DataSource,
	roundId: number,
	only?: readonly number[]
): Promise<RoundChanges | null> {
	const round = await getRound(db, roundId);
	if (!round || round.predecessorId === null) return null;
	const before = await getRound(db, round.predecessorId);
	if (!before) return null;
	const [now, then] = [await sourceFor(db, round, live), await sourceFor(db, before, live)];
	const earlier = new Set(before.participants.map((p) => p.id));
	const byJobcenter = new Map<number, KpiChange[] | null>();
	for (const { id } of round.participants) {
		if (only && !only.includes(id)) continue;
		if (!earlier.has(id)) {
			byJobcenter.set(id, null);
			continue;
		}
		const current = await ownValuesOrNone(now, request(round, id));
		byJobcenter.set(id, kpiChanges(current, await ownValuesOrNone(then, request(before, id))));
	}
	const { id, name, from, to, status } = before;
	return { predecessor: { id, name, from, to, status }, byJobcenter };
}

function request(round: Round, jobcenterId: number): KpiRequest {
	const members = round.participants.map((p) => p.id);
	return {
		jobcenterId,
		from: round.from,
		to: round.to,
		peers: { type: 'round', id: round.id, members }
	};
}

/** The jobcenter's own values; an empty map where the source does not know it (then nothing compares). */
async function ownValuesOrNone(
	source: DataSource,
	request: KpiRequest
): Promise<Map<KpiId, number | null>> {
	try {
		return await ownValues(source, request);
	} catch (e) {
		if (e instanceof KpiRequestError) return new Map();
		throw e;
	}
}
