/** What the report's parts share: the three areas in order with their titles, the two reports' data. */
import { formatKpi } from '$lib/kpi-format';
import { m } from '$lib/paraglide/messages';
import type { PageData } from './$types';

export const AREAS = ['reach', 'resonance', 'effort'] as const;
export type Area = (typeof AREAS)[number];
export const AREA_TITLE: Record<Area, () => string> = {
	reach: m.area_reach,
	resonance: m.area_resonance,
	effort: m.area_effort
};

export type JobcenterData = Extract<PageData, { kind: 'jobcenter' }>;
export type RoundData = Extract<PageData, { kind: 'round' }>;

/** A value of the round report, or `–` where the participant has none in the period. */
export const formatValue = (v: number | null, unit: string) =>
	v === null ? '–' : formatKpi(v, unit);
