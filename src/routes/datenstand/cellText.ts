/** What a Datenstand cell says in words: the month, and which channels are missing or lack figures. */
import { channelName } from '$lib/channels';
import { formatMonth } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';
import type { StatusCell } from '$lib/server/dataStatus';

export function cellText(c: StatusCell): string {
	const month = formatMonth(c.month, 'long');
	if (c.status === 'complete') return m.data_status_cell_complete({ month });
	if (c.status === 'missing') return m.data_status_cell_missing({ month });
	const detail = [
		...c.missing.map((ch) => m.data_status_channel_missing({ channel: channelName(ch) })),
		...c.incomplete.map((ch) => m.data_status_channel_incomplete({ channel: channelName(ch) }))
	].join(', ');
	return c.status === 'figures'
		? m.data_status_cell_figures({ month, detail })
		: m.data_status_cell_partial({ month, detail });
}
