/** Each participant's `size` peer group in the whole register, which Lernpartner are chosen from. */
import type { Month } from '$lib/months';
import { selectPeers } from './peers';
import { elbAt, type JobcenterRecord } from './types';

/** The ids of each given jobcenter's size group (itself included), by the eLb valid in `month`. */
export function sizeGroups(
	register: readonly JobcenterRecord[],
	ids: readonly number[],
	month: Month
): Map<number, number[]> {
	const candidates = register
		.filter((r) => r.active || ids.includes(r.id))
		.map((r) => ({ ...r, elb: elbAt(r.elbHistory, month) ?? NaN }));
	const groups = new Map<number, number[]>();
	for (const id of ids) {
		const self = candidates.find((c) => c.id === id);
		if (!self) continue;
		groups.set(
			id,
			(selectPeers(candidates, self, { type: 'size' }) ?? []).map((c) => c.id)
		);
	}
	return groups;
}
