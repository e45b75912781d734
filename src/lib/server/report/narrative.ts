/**
 * The report's summary sentences, generated from the engine's results so that they cannot contradict
 * the numbers; judging words follow only the KPI's `better`, and neutral KPIs are described, never judged.
 */
import { formatKpi } from '$lib/kpi-format';
import { m } from '$lib/paraglide/messages';
import type { Area, Better, KpiId, Unit } from '$lib/server/kpi/catalogue';
import type { Quartile } from '$lib/server/kpi/stats';

/** Per area the normalised KPIs the summary speaks about: figures every viewer may see compared. */
export const SUMMARY_KPIS: Record<Area, KpiId[]> = {
	reach: ['reach_per_1000_elb', 'followers_per_1000_elb', 'follower_growth_pct'],
	resonance: ['engagement_rate_pct', 'interactions_per_post', 'dialog_rate_pct', 'response_hours'],
	effort: ['fte_per_10000_elb', 'interactions_per_staff_hour', 'reach_per_staff_hour']
};

/** "Bei der Reichweite je 1.000 eLb": German needs the article, so each summary KPI has its phrase. */
const AT: Partial<Record<KpiId, () => string>> = {
	reach_per_1000_elb: m.narrative_at_reach_per_1000_elb,
	followers_per_1000_elb: m.narrative_at_followers_per_1000_elb,
	follower_growth_pct: m.narrative_at_follower_growth_pct,
	engagement_rate_pct: m.narrative_at_engagement_rate_pct,
	interactions_per_post: m.narrative_at_interactions_per_post,
	dialog_rate_pct: m.narrative_at_dialog_rate_pct,
	response_hours: m.narrative_at_response_hours,
	fte_per_10000_elb: m.narrative_at_fte_per_10000_elb,
	hours_per_post: m.narrative_at_hours_per_post,
	interactions_per_staff_hour: m.narrative_at_interactions_per_staff_hour,
	reach_per_staff_hour: m.narrative_at_reach_per_staff_hour
};

export interface NarrativeInput {
	id: KpiId;
	label: string;
	unit: Unit;
	better: Better;
	value: number | null;
	suppressed: boolean;
	quartile: Quartile | null;
	median: number | null;
	/** A raw count shown to a jobcenter without peer statistics: the value alone, no comparison. */
	hidden?: boolean;
}

export type Tone = 'good' | 'bad' | 'neutral';

export interface Sentence {
	kpi: KpiId;
	text: string;
	tone: Tone;
}

const POSITION: Record<Quartile, () => string> = {
	1: m.narrative_q1,
	2: m.narrative_q2,
	3: m.narrative_q3,
	4: m.narrative_q4
};

/** Which quartile is best, which worst, and the words for the four, from `better` alone. */
function judgement(better: Better, q: Quartile): { text: string; tone: Tone } {
	if (better === 'neutral') return { text: m.narrative_neutral(), tone: 'neutral' };
	const rank = better === 'higher' ? q : ((5 - q) as Quartile);
	if (rank === 4) return { text: m.narrative_strength(), tone: 'good' };
	if (rank === 3) return { text: m.narrative_good(), tone: 'good' };
	if (rank === 2) return { text: m.narrative_maybe_field(), tone: 'bad' };
	return { text: m.narrative_field(), tone: 'bad' };
}

/** One or two sentences for one KPI. */
export function kpiSentence(k: NarrativeInput, minPeers: number): Sentence {
	const at = AT[k.id]?.() ?? m.narrative_at_kpi({ label: k.label });
	if (k.value === null) {
		return { kpi: k.id, text: m.narrative_no_value({ label: k.label }), tone: 'neutral' };
	}
	// The value follows „mit“ or „bei“; the median stands alone in brackets.
	const value = formatKpi(k.value, k.unit, true);
	if (k.hidden) return { kpi: k.id, text: m.narrative_value_only({ at, value }), tone: 'neutral' };
	if (k.suppressed || k.quartile === null || k.median === null) {
		const text = `${m.narrative_value_only({ at, value })} ${m.narrative_suppressed({ min: minPeers })}`;
		return { kpi: k.id, text, tone: 'neutral' };
	}
	const position = m.narrative_position({
		at,
		value,
		position: POSITION[k.quartile](),
		median: formatKpi(k.median, k.unit)
	});
	const { text, tone } = judgement(k.better, k.quartile);
	return { kpi: k.id, text: `${position} ${text}`, tone };
}

/** The summary of one area: a sentence per summary KPI, in the catalogue's order. */
export function areaSummary(
	area: Area,
	kpis: readonly NarrativeInput[],
	minPeers: number
): Sentence[] {
	return SUMMARY_KPIS[area].flatMap((id) => {
		const k = kpis.find((x) => x.id === id);
		return k ? [kpiSentence(k, minPeers)] : [];
	});
}
