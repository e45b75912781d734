/** Every stored metric's column header in the page language, in the order of METRICS: the form's columns and the preview's field names. */
import { m } from '$lib/paraglide/messages';
import type { Metric } from '$lib/server/db/schema';

export const METRIC_LABELS = {
	followers: m.upload_metric_followers,
	posts: m.upload_metric_posts,
	impressions: m.upload_metric_impressions,
	reach: m.upload_metric_reach,
	reactions: m.upload_metric_reactions,
	comments: m.upload_metric_comments,
	shares: m.upload_metric_shares,
	replies: m.upload_metric_replies,
	staff_hours: m.upload_metric_staff_hours,
	response_hours: m.upload_metric_response_hours
} satisfies Record<Metric, () => string>;
