/** Turns the dry run of staged platform exports into what the preview shows, file by file, with the stored values beside the new ones. */
import { channelName } from '$lib/channels';
import type { DB } from '$lib/server/db';
import { METRICS, type Metric } from '$lib/server/db/schema';
import { issueMessage, monthName, type Issue, type Lang } from '$lib/server/ingest/messages';
import { metaDailyTitle, type NativeFileResult } from '$lib/server/ingest/native/native';
import type { Staged } from '$lib/server/ingest/staging';
import type { NativeStaged } from './native.server';

/** No file lists more problems one by one; the counts stay whole. */
const LISTED = 50;

/** Where a problem is: line and column of the file, or the month of a figure. */
function issueRow(issue: Issue, lang: Lang) {
	const at =
		issue.line !== null
			? [lang === 'en' ? `line ${issue.line}` : `Zeile ${issue.line}`, issue.column]
			: [issue.month ? monthName(issue.month, lang) : null];
	return {
		where: at.filter(Boolean).join(', '),
		value: issue.value,
		message: issueMessage(issue, lang)
	};
}

/** The stored rows of the files' channels and months, by `channel|month`. */
async function storedRows(db: DB, jobcenterId: number, files: NativeFileResult[]) {
	const channels = [...new Set(files.flatMap((f) => (f.channel ? [f.channel] : [])))];
	const months = [...new Set(files.flatMap((f) => f.months))];
	if (channels.length === 0 || months.length === 0) return new Map();
	const rows = await db
		.selectFrom('monthly_metric')
		.select(['channel_id', 'month', ...METRICS])
		.where('jobcenter_id', '=', jobcenterId)
		.where('channel_id', 'in', channels)
		.where('month', 'in', months)
		.execute();
	return new Map(rows.map((r) => [`${r.channel_id}|${r.month}`, r]));
}

export async function nativePreviewOf(db: DB, staged: Staged<NativeStaged>, lang: Lang) {
	const { result: plan } = staged;
	const r = plan.result;
	const jobcenter = await db
		.selectFrom('jobcenter')
		.select(['code', 'name'])
		.where('id', '=', plan.jobcenterId)
		.executeTakeFirst();
	const stored = await storedRows(db, plan.jobcenterId, r.files);
	return {
		token: staged.token,
		stagedAt: new Date(staged.meta.stagedAt).toISOString(),
		jobcenter: jobcenter ? `${jobcenter.name} (${jobcenter.code})` : '',
		period: plan.period,
		inserted: r.inserted,
		updated: r.updated,
		unchanged: r.unchanged,
		errorCount: r.errorCount,
		warningCount: r.warningCount,
		/** A per-post file lacks its period: the period fields are asked for, with the reason. */
		needsPeriod: r.files.some((f) => f.errors.some((i) => i.code === 'native_no_period')),
		files: r.files.map((f, i) => ({
			index: i,
			name: f.fileName,
			format: f.format,
			channel: f.channel,
			channelName: f.channel ? channelName(f.channel) : null,
			/** Only a Meta daily series without a channel in its title leaves the channel to the user. */
			choosable: f.format === 'meta-daily' && !f.notUsed && !metaDailyTitle(f.title).channel,
			chosen: plan.files[i]?.channel ?? null,
			title: f.title,
			encoding: f.dialect?.encoding ?? null,
			period: f.period,
			mapping: f.mapping,
			notUsed: f.notUsed,
			months: f.months,
			skipped: f.skipped.map((s) => ({ month: s.month, reason: issueMessage(s.issue, lang) })),
			errors: f.errors.slice(0, LISTED).map((issue) => issueRow(issue, lang)),
			errorCount: f.errors.length,
			warnings: f.warnings.slice(0, LISTED).map((issue) => issueRow(issue, lang)),
			warningCount: f.warnings.length,
			rows: f.rows.map((row) => {
				const before = stored.get(`${f.channel}|${row.month}`);
				// A daily series' value replaces this file's sum over posts: said at the figure, too.
				const overridden = new Set(
					f.warnings
						.filter((w) => w.code === 'native_overridden' && w.month === row.month)
						.map((w) => w.detail?.split('|')[0])
				);
				return {
					month: row.month,
					diffs: (Object.entries(row.values) as [Metric, number][]).map(([metric, after]) => ({
						metric,
						before: (before?.[metric] as number | null | undefined) ?? null,
						after,
						overridden: overridden.has(metric)
					}))
				};
			})
		}))
	};
}

export type NativePreview = Awaited<ReturnType<typeof nativePreviewOf>>;
export type NativePreviewFile = NativePreview['files'][number];
