/** The engine's two settings, read from the environment in one place so that a snapshot can freeze them. */

export interface KpiSettings {
	/** Fewer members with data than this, and a KPI's peer statistics are suppressed. */
	minPeers: number;
	/** Hours of one full-time post per month; 169 = 39 h × 52 weeks / 12. */
	fteHoursPerMonth: number;
}

export const DEFAULT_SETTINGS: KpiSettings = { minPeers: 5, fteHoursPerMonth: 169 };

export function readKpiSettings(
	env: Record<string, string | undefined> = process.env
): KpiSettings {
	return {
		minPeers: parse(env.MIN_PEERS, 'MIN_PEERS', DEFAULT_SETTINGS.minPeers, Number.isInteger),
		fteHoursPerMonth: parse(
			env.FTE_HOURS_PER_MONTH,
			'FTE_HOURS_PER_MONTH',
			DEFAULT_SETTINGS.fteHoursPerMonth,
			Number.isFinite
		)
	};
}

function parse(
	raw: string | undefined,
	name: string,
	fallback: number,
	valid: (n: number) => boolean
): number {
	if (raw === undefined || raw.trim() === '') return fallback;
	const value = Number(raw);
	if (!valid(value) || value < 1) {
		throw new Error(`${name} must be a number of at least 1 (default ${fallback}), not "${raw}".`);
	}
	return value;
}
