/** The contract between the KPI engine and where its inputs come from: the records and rows a DataSource delivers. */
import type { Month } from '$lib/months';
import type { Metric } from '$lib/server/db/schema';
import type { KpiSettings } from './settings';

/** One (month, channel) of a jobcenter; null means "not reported", never zero. */
export type MetricRow = { month: Month; channel: string } & Record<Metric, number | null>;

export interface ElbValue {
	/** `YYYY-MM` */
	validFrom: Month;
	elb: number;
}

export interface JobcenterRecord {
	id: number;
	code: string;
	name: string;
	state: string;
	carrier: string;
	ring: string | null;
	active: boolean;
	/** Ascending by `validFrom`, never empty. */
	elbHistory: ElbValue[];
	/** The goals of its latest practice profile, for the peer group "gleiche Ziele"; absent without one. */
	goals?: readonly string[];
}

/**
 * The engine's inputs. The live tables implement it (`source.ts`, behind `cache.ts`); a closed
 * round's frozen snapshot implements it from its copy (`snapshot.ts`: participants as they were,
 * their rows, the settings of then). `sources.ts` chooses between them.
 */
export interface DataSource {
	readonly settings: KpiSettings;
	jobcenters(): Promise<JobcenterRecord[]>;
	/** The rows of these jobcenters in from..to, grouped by jobcenter id; `channels` null = all. */
	metricRows(
		jobcenterIds: readonly number[],
		from: Month,
		to: Month,
		channels: readonly string[] | null
	): Promise<Map<number, MetricRow[]>>;
	/** The newest month with any row of these jobcenters, not after `notAfter`. */
	latestMonth(jobcenterIds: readonly number[], notAfter: Month): Promise<Month | null>;
}

/** The eLb valid in `month`; the first recorded value also holds for every month before it. */
export function elbAt(history: readonly ElbValue[], month: Month): number | null {
	let value = history.length > 0 ? history[0].elb : null;
	for (const entry of history) {
		if (entry.validFrom > month) break;
		value = entry.elb;
	}
	return value;
}
