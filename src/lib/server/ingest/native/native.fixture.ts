/** What the native-export specs share: the fixture exports by name, an import of them, the rows stored. */
import { readFileSync } from 'node:fs';
import type { ChannelId } from '$lib/channels';
import type { DB } from '$lib/server/db';
import { bufferSource } from '../dialect';
import type { Period } from './dates';
import { importNativeFiles } from './native';

export const ENV = { BENCHLEARN_TODAY: '2026-11-15' };
export const FB_POSTS = 'Dec-01-2024_Mar-15-2025_1099511627776.csv';
export const FB_REACH = 'Facebook_Reichweite_Excel.csv';
export const IG_POSTS = 'Instagram_Beitraege_Jobcenter.csv';
export const X_TWEETS = 'tweet_activity_metrics_jc_muster_20250101_20250201_de.csv';

/** A fixture export by file name, or a file made up in the spec. */
type File = string | { name: string; text: string };

export function run(
	db: DB,
	jobcenterId: number,
	files: File[],
	options: { channel?: ChannelId; period?: Period; dryRun?: boolean } = {}
) {
	return importNativeFiles(
		db,
		files.map((f) =>
			typeof f === 'string'
				? { name: f, source: bufferSource(readFileSync(`tests/fixtures/native/${f}`)) }
				: { name: f.name, source: bufferSource(f.text) }
		),
		{ jobcenterId, userId: null, env: ENV, ...options }
	);
}

export async function stored(db: DB, jobcenterId: number, channel: string) {
	return db
		.selectFrom('monthly_metric')
		.select(['month', 'followers', 'posts', 'impressions', 'reach', 'reactions', 'comments'])
		.select(['shares', 'staff_hours'])
		.where('jobcenter_id', '=', jobcenterId)
		.where('channel_id', '=', channel)
		.orderBy('month')
		.execute();
}

export const codes = (issues: { code: string }[]) => issues.map((i) => i.code);
