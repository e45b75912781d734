/** Shapes (key, month, value) rows into chart series with a point for every month, missing months as null. */
import type { Series } from './types';

export function toSeries<R>(
	rows: R[],
	months: string[],
	key: (r: R) => string,
	month: (r: R) => string,
	value: (r: R) => number,
	order: { id: string; name: string }[]
): Series[] {
	const byKey = new Map<string, Map<string, number>>();
	for (const r of rows) {
		const values = byKey.get(key(r)) ?? new Map<string, number>();
		values.set(month(r), value(r));
		byKey.set(key(r), values);
	}
	return order
		.filter((o) => byKey.has(o.id))
		.map((o) => ({
			id: o.id,
			name: o.name,
			points: months.map((mon) => ({ month: mon, value: byKey.get(o.id)!.get(mon) ?? null }))
		}));
}
