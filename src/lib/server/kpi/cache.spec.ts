import { describe, expect, it } from 'vitest';
import { cachedSource } from './cache';
import type { DataSource, MetricRow } from './types';
import { DEFAULT_SETTINGS } from './settings';

/** A source whose every jobcenter has one row per call, counting the reads it serves. */
function countingSource() {
	const reads = { jobcenters: 0, rows: 0 };
	const source: DataSource = {
		settings: DEFAULT_SETTINGS,
		jobcenters: async () => {
			reads.jobcenters++;
			return [];
		},
		metricRows: async (ids) => {
			reads.rows++;
			return new Map(ids.map((id) => [id, [{ month: '2026-01' } as MetricRow]]));
		},
		latestMonth: async () => null
	};
	return { reads, source };
}

describe('cachedSource', () => {
	it('reads on a miss only after other work had a turn, and once for callers at the same time', async () => {
		const { reads, source } = countingSource();
		const cached = cachedSource(source, async () => 'a');
		let turns = 0;
		setImmediate(() => (turns = reads.jobcenters + reads.rows === 0 ? 1 : -1));
		await Promise.all([cached.jobcenters(), cached.jobcenters()]);
		await Promise.all([
			cached.metricRows([1], '2026-01', '2026-12', null),
			cached.metricRows([1], '2026-01', '2026-12', null)
		]);
		expect(turns).toBe(1);
		expect(reads).toEqual({ jobcenters: 1, rows: 1 });
	});

	it('serves repeated reads from memory until the version changes', async () => {
		const { reads, source } = countingSource();
		let version = 'a';
		const cached = cachedSource(source, async () => version);
		await cached.jobcenters();
		await cached.jobcenters();
		await cached.metricRows([2, 1], '2026-01', '2026-12', null);
		await cached.metricRows([1, 2], '2026-01', '2026-12', null);
		expect(reads).toEqual({ jobcenters: 1, rows: 1 });
		await cached.metricRows([1, 2], '2026-01', '2026-12', ['facebook']);
		expect(reads.rows).toBe(2);
		version = 'b';
		await cached.jobcenters();
		await cached.metricRows([1, 2], '2026-01', '2026-12', null);
		expect(reads).toEqual({ jobcenters: 2, rows: 3 });
	});

	it('keeps no more rows than its budget, dropping the least recently used', async () => {
		const { reads, source } = countingSource();
		const cached = cachedSource(source, async () => 'a', 3);
		const read = (ids: number[]) => cached.metricRows(ids, '2026-01', '2026-01', null);
		await read([1, 2]);
		await read([3]);
		await read([1, 2]); // a hit, now the most recent
		await read([4]); // over budget: [3] goes
		expect(reads.rows).toBe(3);
		await read([1, 2]);
		expect(reads.rows).toBe(3);
		await read([3]);
		await read([1, 2, 3, 4]); // larger than the whole budget: never kept
		await read([1, 2, 3, 4]);
		expect(reads.rows).toBe(6);
	});
});
