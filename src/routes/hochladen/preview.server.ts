/** Turns a staged file and its dry run into what the preview shows: only the first rows of every list. */
import { channelName } from '$lib/channels';
import { METRICS } from '$lib/server/db/schema';
import type { DB } from '$lib/server/db';
import { byIds, REFERENCE } from '$lib/server/db/jobcenters';
import type { IngestResult } from '$lib/server/ingest/ingest';
import type { Lang } from '$lib/server/ingest/messages';
import { groupByReason, issueRows } from '$lib/server/ingest/preview';
import type { Staged } from '$lib/server/ingest/staging';

const LISTED = 100;

export async function previewOf(db: DB, staged: Staged<IngestResult>, lang: Lang) {
	const r = staged.result;
	const ids = [...new Set(r.changes.map((c) => c.jobcenterId))];
	const jobcenters = new Map(
		ids.length === 0
			? []
			: (await byIds(db, ids, REFERENCE)).map((j) => [j.id, `${j.name} (${j.code})`])
	);
	return {
		token: staged.token,
		fileName: staged.meta.fileName,
		stagedAt: new Date(staged.meta.stagedAt).toISOString(),
		kind: r.kind,
		dialect: r.dialect,
		columns: r.columns,
		inserted: r.inserted,
		updated: r.updated,
		unchanged: r.unchanged,
		errorCount: r.errorCount,
		warningCount: r.warningCount,
		errorGroups: groupByReason(r.errors, lang, r.codeCounts),
		warningGroups: groupByReason(r.warnings, lang, r.codeCounts),
		errors: issueRows(r.errors, lang, LISTED),
		warnings: issueRows(r.warnings, lang, LISTED),
		changes: r.changes.slice(0, LISTED).map((c) => ({
			line: c.line,
			jobcenter: jobcenters.get(c.jobcenterId) ?? '',
			channel: channelName(c.channel),
			month: c.month,
			diffs: METRICS.filter((m) => (c.before?.[m] ?? null) !== c.after[m]).map((m) => ({
				metric: m,
				before: c.before?.[m] ?? null,
				after: c.after[m]
			}))
		})),
		// Staged before register changes were kept: none to show.
		registerChanges: (r.registerChanges ?? []).slice(0, LISTED).map((c) => ({
			line: c.line,
			jobcenter: `${c.name} (${c.code})`,
			diffs: c.diffs
		})),
		sample: r.sample ?? []
	};
}

export type Preview = Awaited<ReturnType<typeof previewOf>>;
