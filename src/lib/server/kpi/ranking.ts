/**
 * The group's members by name with their value of one KPI, best first: for analysts only. Kept apart
 * from the engine, whose calls never hand out a member's identity together with its value.
 */
import { kpi, type KpiId } from './catalogue';
import { computeKpis } from './compute';
import type { KpiRequest } from './engine';
import { selectPeers } from './peers';
import { elbAt, type DataSource } from './types';

export interface RankingRow {
	code: string;
	name: string;
	value: number | null;
	self: boolean;
}

export async function ranking(
	source: DataSource,
	request: KpiRequest,
	id: KpiId
): Promise<RankingRow[]> {
	const records = await source.jobcenters();
	const candidates = records
		.filter((r) => r.active || r.id === request.jobcenterId || request.peers.type === 'round')
		.map((r) => ({ ...r, elb: elbAt(r.elbHistory, request.to) ?? NaN }));
	const self = candidates.find((c) => c.id === request.jobcenterId);
	const members = self ? (selectPeers(candidates, self, request.peers) ?? []) : [];
	const rows = await source.metricRows(
		members.map((m) => m.id),
		request.from,
		request.to,
		request.channels ?? null
	);
	const scope = {
		from: request.from,
		to: request.to,
		channels: request.channels ? new Set(request.channels) : null
	};
	const direction = kpi(id).better === 'lower' ? 1 : -1;
	return members
		.map((m) => ({
			code: m.code,
			name: records.find((r) => r.id === m.id)!.name,
			value: computeKpis(rows.get(m.id) ?? [], scope, m.elb, source.settings, [id])[id],
			self: m.id === request.jobcenterId
		}))
		.sort((a, b) =>
			a.value === null
				? 1
				: b.value === null
					? -1
					: direction * (a.value - b.value) || a.name.localeCompare(b.name)
		);
}
