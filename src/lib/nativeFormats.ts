/** The platforms' export formats by name in the page language (`Meta-Beitragsexport (Facebook)`), for the upload, the upload list and the Methodik. */
import { channelName } from '$lib/channels';
import { m } from '$lib/paraglide/messages';

const NAMES: Record<string, () => string> = {
	'meta-posts': m.native_format_meta_posts,
	'meta-daily': m.native_format_meta_daily,
	'x-tweets': m.native_format_x_tweets,
	'tiktok-overview': m.native_format_tiktok_overview,
	'tiktok-followers': m.native_format_tiktok_followers,
	'youtube-daily': m.native_format_youtube_daily
};

export function nativeFormatName(id: string | null, channel?: string | null): string {
	const name = id && NAMES[id] ? NAMES[id]() : m.native_format_unknown();
	return channel ? `${name} (${channelName(channel)})` : name;
}
