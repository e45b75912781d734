/** The source line under a downloaded chart: whose figures, which period, compared with whom. */
import { formatMonth } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';

const GROUP: Record<string, () => string> = {
	ring: m.peers_ring,
	carrier: m.peers_carrier,
	state: m.peers_state,
	size: m.peers_size,
	all: m.peers_all
};

export function chartSource(
	jobcenter: { name: string },
	filters: { from: string; to: string; peers: string; round: { name: string } | null }
): string {
	return m.chart_source({
		jobcenter: jobcenter.name,
		period: `${formatMonth(filters.from)} – ${formatMonth(filters.to)}`,
		group: filters.round
			? `${m.export_about_round()} „${filters.round.name}“`
			: GROUP[filters.peers]()
	});
}
