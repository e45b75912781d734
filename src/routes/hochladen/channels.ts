/** The channels of Meta's daily series, the only format whose file may not name its channel: what the preview offers to choose. */
import type { ChannelId } from '$lib/channels';

export const CHOOSABLE_CHANNELS = ['facebook', 'instagram'] as const satisfies ChannelId[];
