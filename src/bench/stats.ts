/** Latency summaries: median, 95th percentile and maximum of a list of milliseconds. */
import { quantile } from '$lib/server/kpi/stats';

export interface Latency {
	n: number;
	p50: number;
	p95: number;
	max: number;
}

/** R-7 quantiles, the engine's own definition, so that one number means the same everywhere. */
export function latencies(ms: readonly number[]): Latency {
	if (ms.length === 0) throw new Error('No timings to summarise.');
	const sorted = [...ms].sort((a, b) => a - b);
	return {
		n: sorted.length,
		p50: quantile(sorted, 0.5),
		p95: quantile(sorted, 0.95),
		max: sorted[sorted.length - 1]
	};
}
