/** The channel catalogue: ids as stored and their display names, in display order (the migration seeds the same list). */

export const CHANNELS = [
	{ id: 'facebook', name: 'Facebook' },
	{ id: 'instagram', name: 'Instagram' },
	{ id: 'x', name: 'X' },
	{ id: 'youtube', name: 'YouTube' },
	{ id: 'linkedin', name: 'LinkedIn' },
	{ id: 'tiktok', name: 'TikTok' },
	{ id: 'xing', name: 'XING' },
	{ id: 'mastodon', name: 'Mastodon' },
	{ id: 'bluesky', name: 'Bluesky' },
	{ id: 'threads', name: 'Threads' },
	{ id: 'whatsapp', name: 'WhatsApp-Kanal' }
] as const;

export type ChannelId = (typeof CHANNELS)[number]['id'];

export const CHANNEL_IDS: ChannelId[] = CHANNELS.map((c) => c.id);

export function channelName(id: string): string {
	return CHANNELS.find((c) => c.id === id)?.name ?? id;
}
