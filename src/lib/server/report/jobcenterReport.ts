/**
 * Everything one jobcenter's round report shows, shaped for the page: always as the jobcenter itself may
 * see it (no min/max, no peer statistics of raw counts), whoever opens it, because the report is handed out.
 */
import { uiLocale } from '$lib/i18n/locale';
import type { DB } from '$lib/server/db';
import { KPIS, UNIT_LABELS, type Area, type KpiId } from '$lib/server/kpi/catalogue';
import type { Comparison } from '$lib/server/kpi/engine';
import {
	comparisonsOf,
	learningPartners,
	mapPoints,
	partnerLabel,
	peerPosition,
	shownDistribution,
	shownKpi,
	shownSeries
} from '$lib/server/kpi/present';
import { roundRequest, type Participant, type RoundContext } from './context';
import { areaSummary, SUMMARY_KPIS } from './narrative';
import { roundProfiles, type Profile } from '$lib/server/profiles/profiles';
import { submissions } from './submissions';

export const AREAS: Area[] = ['reach', 'resonance', 'effort'];
/** The effort-versus-resonance map: both normalised, so that every jobcenter may see the points. */
export const MAP_AXES = {
	x: 'fte_per_10000_elb',
	y: 'engagement_rate_pct'
} as const satisfies Record<string, KpiId>;

/** Every participant's comparison in the round, for partners and the round report. */
export async function participantComparisons(
	context: RoundContext
): Promise<Map<number, Comparison>> {
	return comparisonsOf(context.source, context.participants, (id) => roundRequest(context, id));
}

export async function jobcenterReport(db: DB, context: RoundContext, self: Participant) {
	const { source, round } = context;
	const locale = uiLocale();
	const request = roundRequest(context, self.id);
	const comparisons = await participantComparisons(context);
	const own = comparisons.get(self.id)!;

	const cards = own.kpis.map((k, i) => {
		const def = KPIS[i];
		return {
			id: k.id,
			area: k.area,
			unit: k.unit,
			unitLabel: UNIT_LABELS[k.unit][locale],
			better: k.better,
			label: def.label[locale],
			description: def.description,
			...peerPosition(shownKpi(k, 'jobcenter'))
		};
	});
	const summary = AREAS.map((area) => ({
		area,
		sentences: areaSummary(area, cards, source.settings.minPeers)
	}));

	const charts = [];
	for (const area of AREAS) {
		for (const id of SUMMARY_KPIS[area]) {
			charts.push({
				area,
				id,
				series: await shownSeries(source, request, id, 'jobcenter'),
				distribution: await shownDistribution(source, request, id, 'jobcenter')
			});
		}
	}
	const map = await mapPoints(source, request, MAP_AXES.x, MAP_AXES.y, 'jobcenter');

	const partners = learningPartners(
		self,
		self.sizeGroup,
		context.participants,
		cards
			.filter((c) => !c.hidden)
			.map((c) => ({
				id: c.id,
				better: c.better,
				value: c.value,
				peer: c.median === null ? null : { p25: c.p25!, median: c.median, p75: c.p75! },
				values: new Map(
					[...comparisons].map(([id, comparison]) => [
						id,
						comparison.kpis.find((x) => x.id === c.id)!.value
					])
				)
			}))
	);

	const labelled = partners.map((p) => ({ ...p, label: cards.find((c) => c.id === p.kpi)!.label }));
	const completeness = await submissions(db, round, [self]);
	return {
		jobcenter: { code: self.code, name: self.name },
		members: own.peers.members,
		minPeers: source.settings.minPeers,
		cards,
		summary,
		charts,
		map,
		mapAxes: {
			x: { id: MAP_AXES.x, label: KPIS.find((k) => k.id === MAP_AXES.x)!.label[locale] },
			y: { id: MAP_AXES.y, label: KPIS.find((k) => k.id === MAP_AXES.y)!.label[locale] }
		},
		partners: labelled,
		partnerProfiles: partnerProfiles(
			labelled,
			context.participants.filter((p) => p.id !== self.id),
			self,
			await roundProfiles(db, round.id)
		),
		completeness: { months: completeness.months, row: completeness.rows[0] }
	};
}

/**
 * "So arbeitet Ihr Lernpartner": each learning partner once, with the KPIs it is a partner for and
 * its profile, under the same label as in the partner table (pseudonym, or name where opted in).
 */
export function partnerProfiles(
	partners: readonly { label: string; partners: readonly { label: string }[] }[],
	others: readonly Participant[],
	self: { ring: string | null },
	profiles: ReadonlyMap<number, Profile>
): { label: string; kpis: string[]; profile: Profile | null }[] {
	const byLabel = new Map(others.map((p) => [partnerLabel(p, self).label, p]));
	const result = new Map<string, { label: string; kpis: string[]; profile: Profile | null }>();
	for (const kpi of partners) {
		for (const { label } of kpi.partners) {
			const entry = result.get(label) ?? {
				label,
				kpis: [],
				profile: profiles.get(byLabel.get(label)?.id ?? -1) ?? null
			};
			entry.kpis.push(kpi.label);
			result.set(label, entry);
		}
	}
	return [...result.values()].sort((a, b) => a.label.localeCompare(b.label, 'de'));
}
