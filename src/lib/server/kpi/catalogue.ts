/** The KPI catalogue: the one typed definition of every figure the engine computes and /methodik explains. */
import type { Metric } from '$lib/server/db/schema';

export type Area = 'reach' | 'resonance' | 'effort';
export type Better = 'higher' | 'lower' | 'neutral';
export type Unit =
	| 'count'
	| 'per_1000_elb'
	| 'pct'
	| 'per_post'
	| 'hours'
	| 'fte'
	| 'fte_per_10000_elb'
	| 'per_hour'
	/** Elapsed time in hours (not hours of work); shown as days from two days on. */
	| 'duration_hours';

/** A figure that is already a typical value per channel and month, so it is not summed but its median taken. */
export type Typical = Extract<Metric, 'response_hours'>;

/** A figure that adds up across channels and months; interactions count only where all three parts are reported. */
export type Flow = Exclude<Metric, 'followers' | Typical> | 'interactions';

export type Formula =
	| { kind: 'flow'; flow: Flow }
	| { kind: 'stock' }
	| { kind: 'growth' }
	| { kind: 'ratio'; numerator: Flow; denominator: Flow; factor: number }
	| { kind: 'median'; of: Typical }
	| { kind: 'fte' }
	| { kind: 'per-elb'; of: 'followers' | 'reach' | 'fte'; per: number };

export type KpiKind = Formula['kind'];

export interface Kpi {
	id: KpiId;
	area: Area;
	unit: Unit;
	better: Better;
	label: { de: string; en: string };
	/** Plain German words for /methodik: what it measures, the formula, how gaps are treated. */
	description: string;
	formula: Formula;
}

export const KPI_IDS = [
	'followers',
	'followers_per_1000_elb',
	'follower_growth_pct',
	'impressions',
	'reach',
	'reach_per_1000_elb',
	'interactions',
	'engagement_rate_pct',
	'interactions_per_post',
	'dialog_rate_pct',
	'response_hours',
	'posts',
	'staff_hours',
	'fte',
	'fte_per_10000_elb',
	'hours_per_post',
	'interactions_per_staff_hour',
	'reach_per_staff_hour'
] as const;
export type KpiId = (typeof KPI_IDS)[number];

export const UNIT_LABELS: Record<Unit, { de: string; en: string }> = {
	count: { de: 'Anzahl', en: 'count' },
	per_1000_elb: { de: 'je 1.000 eLb', en: 'per 1,000 eLb' },
	pct: { de: '%', en: '%' },
	per_post: { de: 'je Beitrag', en: 'per post' },
	hours: { de: 'Std.', en: 'h' },
	fte: { de: 'VZÄ', en: 'FTE' },
	fte_per_10000_elb: { de: 'VZÄ je 10.000 eLb', en: 'FTE per 10,000 eLb' },
	per_hour: { de: 'je Stunde', en: 'per hour' },
	duration_hours: { de: 'Std.', en: 'h' }
};

// The three sentences on gaps recur in many descriptions; one wording keeps /methodik consistent.
const AVERAGE =
	'Monatsdurchschnitt: je Monat die Summe über die Kanäle, die den Wert gemeldet haben, dann der Durchschnitt über die Monate des Zeitraums, in denen mindestens ein Kanal ihn gemeldet hat. Fehlende Werte zählen nicht als 0.';
const SUMS =
	'Summen über alle Kanäle und Monate, in denen beide Werte gemeldet sind (kein Durchschnitt von Einzelquoten). Ist der Nenner 0 oder fehlt er überall, gibt es keinen Wert.';
const ELB = 'Die eLb-Zahl ist die im letzten Monat des Zeitraums gültige.';

const ENTRIES: Record<KpiId, Omit<Kpi, 'id'>> = {
	followers: {
		area: 'reach',
		unit: 'count',
		better: 'higher',
		formula: { kind: 'stock' },
		label: { de: 'Follower', en: 'Followers' },
		description:
			'Wie viele Menschen den Kanälen folgen, gemessen am Monatsende. Summe über die Kanäle, je Kanal der Wert aus dem letzten Monat des Zeitraums, für den er gemeldet ist.'
	},
	followers_per_1000_elb: {
		area: 'reach',
		unit: 'per_1000_elb',
		better: 'higher',
		formula: { kind: 'per-elb', of: 'followers', per: 1000 },
		label: { de: 'Follower je 1.000 eLb', en: 'Followers per 1,000 eLb' },
		description: `Follower im Verhältnis zur Größe des Jobcenters: Follower ÷ eLb × 1.000. ${ELB}`
	},
	follower_growth_pct: {
		area: 'reach',
		unit: 'pct',
		better: 'higher',
		formula: { kind: 'growth' },
		label: { de: 'Follower-Wachstum', en: 'Follower growth' },
		description:
			'Wie stark die Follower im Zeitraum gewachsen sind: (Summe der letzten − Summe der ersten gemeldeten Werte) ÷ Summe der ersten × 100. Es zählen nur Kanäle, für die Follower in mindestens zwei Monaten des Zeitraums gemeldet sind; je Kanal der erste und der letzte gemeldete Monat.'
	},
	impressions: {
		area: 'reach',
		unit: 'count',
		better: 'higher',
		formula: { kind: 'flow', flow: 'impressions' },
		label: { de: 'Impressionen', en: 'Impressions' },
		description: `Wie oft Inhalte angezeigt wurden. ${AVERAGE}`
	},
	reach: {
		area: 'reach',
		unit: 'count',
		better: 'higher',
		formula: { kind: 'flow', flow: 'reach' },
		label: { de: 'Reichweite (Brutto, Summe über Kanäle)', en: 'Reach (gross, sum over channels)' },
		description: `Erreichte Personen. Über mehrere Kanäle ist das eine Brutto-Reichweite: Wer auf zwei Kanälen erreicht wurde, zählt doppelt. ${AVERAGE}`
	},
	reach_per_1000_elb: {
		area: 'reach',
		unit: 'per_1000_elb',
		better: 'higher',
		formula: { kind: 'per-elb', of: 'reach', per: 1000 },
		label: { de: 'Reichweite je 1.000 eLb', en: 'Reach per 1,000 eLb' },
		description: `Monatliche Brutto-Reichweite im Verhältnis zur Größe: Reichweite ÷ eLb × 1.000. ${ELB}`
	},
	interactions: {
		area: 'resonance',
		unit: 'count',
		better: 'higher',
		formula: { kind: 'flow', flow: 'interactions' },
		label: { de: 'Interaktionen', en: 'Interactions' },
		description: `Reaktionen + Kommentare + Geteilt, nur wo alle drei gemeldet sind. ${AVERAGE}`
	},
	engagement_rate_pct: {
		area: 'resonance',
		unit: 'pct',
		better: 'higher',
		formula: { kind: 'ratio', numerator: 'interactions', denominator: 'impressions', factor: 100 },
		label: { de: 'Interaktionsrate', en: 'Engagement rate' },
		description: `Wie viele Interaktionen auf 100 Impressionen kommen: Interaktionen ÷ Impressionen × 100. Impressionen lassen sich über Kanäle und Monate addieren, die Reichweite nicht. ${SUMS}`
	},
	interactions_per_post: {
		area: 'resonance',
		unit: 'per_post',
		better: 'higher',
		formula: { kind: 'ratio', numerator: 'interactions', denominator: 'posts', factor: 1 },
		label: { de: 'Interaktionen je Beitrag', en: 'Interactions per post' },
		description: `Wie viel Resonanz ein Beitrag im Schnitt erzeugt: Interaktionen ÷ Beiträge. ${SUMS}`
	},
	dialog_rate_pct: {
		area: 'resonance',
		unit: 'pct',
		better: 'higher',
		formula: { kind: 'ratio', numerator: 'replies', denominator: 'comments', factor: 100 },
		label: { de: 'Dialogquote', en: 'Dialogue rate' },
		description: `Ob ein Kanal mit den Menschen spricht oder nur sendet: Antworten ÷ Kommentare × 100. ${SUMS}`
	},
	response_hours: {
		area: 'resonance',
		unit: 'duration_hours',
		better: 'lower',
		formula: { kind: 'median', of: 'response_hours' },
		label: { de: 'Antwortzeit', en: 'Answer time' },
		description:
			'Wie schnell das Jobcenter antwortet: die Zeit von einem Kommentar oder einer Nachricht bis zur ersten Antwort des Jobcenters, je Kanal und Monat als Median in Stunden gemeldet (aus dem Postfach der Plattform, etwa der Meta Business Suite, oder dem eigenen Protokoll des Teams). Für den Zeitraum gilt der Median aller gemeldeten Monatswerte über Kanäle und Monate, ohne Gewichtung nach der Zahl der Kommentare. Kanäle und Monate ohne Angabe zählen nicht; ist nirgends eine gemeldet, gibt es keinen Wert. Ab 48 Stunden wird die Zeit in Tagen angezeigt.'
	},
	posts: {
		area: 'effort',
		unit: 'count',
		better: 'neutral',
		formula: { kind: 'flow', flow: 'posts' },
		label: { de: 'Beiträge', en: 'Posts' },
		description: `Veröffentlichte Beiträge. Mehr ist nicht an sich besser, daher ohne Wertung. ${AVERAGE}`
	},
	staff_hours: {
		area: 'effort',
		unit: 'hours',
		better: 'neutral',
		formula: { kind: 'flow', flow: 'staff_hours' },
		label: { de: 'Personalstunden', en: 'Staff hours' },
		description: `Arbeitszeit für die Kanäle, ohne Wertung. ${AVERAGE}`
	},
	fte: {
		area: 'effort',
		unit: 'fte',
		better: 'neutral',
		formula: { kind: 'fte' },
		label: { de: 'VZÄ', en: 'FTE' },
		description:
			'Personalstunden im Monatsdurchschnitt ÷ Stunden einer Vollzeitstelle im Monat (Voreinstellung 169 = 39 Std. × 52 Wochen ÷ 12). Lücken wie bei den Personalstunden; ohne Wertung.'
	},
	fte_per_10000_elb: {
		area: 'effort',
		unit: 'fte_per_10000_elb',
		better: 'neutral',
		formula: { kind: 'per-elb', of: 'fte', per: 10_000 },
		label: { de: 'VZÄ je 10.000 eLb', en: 'FTE per 10,000 eLb' },
		description: `Personaleinsatz im Verhältnis zur Größe: VZÄ ÷ eLb × 10.000, ohne Wertung. ${ELB}`
	},
	hours_per_post: {
		area: 'effort',
		unit: 'hours',
		better: 'lower',
		formula: { kind: 'ratio', numerator: 'staff_hours', denominator: 'posts', factor: 1 },
		label: { de: 'Stunden je Beitrag', en: 'Hours per post' },
		description: `Arbeitszeit je veröffentlichtem Beitrag: Personalstunden ÷ Beiträge; weniger ist besser. ${SUMS}`
	},
	interactions_per_staff_hour: {
		area: 'effort',
		unit: 'per_hour',
		better: 'higher',
		formula: { kind: 'ratio', numerator: 'interactions', denominator: 'staff_hours', factor: 1 },
		label: { de: 'Interaktionen je Personalstunde', en: 'Interactions per staff hour' },
		description: `Resonanz je eingesetzter Arbeitsstunde: Interaktionen ÷ Personalstunden. ${SUMS}`
	},
	reach_per_staff_hour: {
		area: 'effort',
		unit: 'per_hour',
		better: 'higher',
		formula: { kind: 'ratio', numerator: 'reach', denominator: 'staff_hours', factor: 1 },
		label: { de: 'Reichweite je Personalstunde', en: 'Reach per staff hour' },
		description: `Brutto-Reichweite je eingesetzter Arbeitsstunde: Reichweite ÷ Personalstunden. ${SUMS}`
	}
};

/** All KPIs in display order: reach, resonance, effort. */
export const KPIS: Kpi[] = KPI_IDS.map((id) => ({ id, ...ENTRIES[id] }));

const BY_ID = new Map(KPIS.map((kpi) => [kpi.id, kpi]));

export function isKpiId(value: string): value is KpiId {
	return BY_ID.has(value as KpiId);
}

export function kpi(id: KpiId): Kpi {
	return BY_ID.get(id) as Kpi;
}
