/** Turns a staged file and its dry run into what the preview shows: only the first rows of every list. */
import { channelName } from '$lib/channels';
import { METRICS } from '$lib/server/db/schema';
import type { DB } from '$lib/server/db';
import { byIds, REFERENCE } from '$lib/server/db/jobcenters';
import { decode, fileSource, headOf } from '$lib/server/ingest/dialect';
import type { IngestResult } from '$lib/server/ingest/ingest';
import type { Lang } from '$lib/server/ingest/messages';
import { groupByReason, issueRows } from '$lib/server/ingest/preview';
import { CsvSyntaxError, readRecords } from '$lib/server/ingest/records';
import { dataRecords } from '$lib/server/ingest/scan';
import type { Staged } from '$lib/server/ingest/staging';
import { readWorkbook } from '$lib/server/ingest/workbook';
import { log } from '$lib/server/log';

const LISTED = 100;
const SAMPLE_ROWS = 5;
/** Where the first rows are, with the lines above the header; not the whole file, on the server's thread. */
const SAMPLE_BYTES = 65_536;

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
		sample: r.kind ? await sampleRows(staged.path, r.dialect) : []
	};
}

export type Preview = Awaited<ReturnType<typeof previewOf>>;

/** The first data rows as the CSV parser (or the workbook reader) split them, to show that umlauts and delimiters came through. */
async function sampleRows(path: string, dialect: IngestResult['dialect']) {
	const rows: { line: number; cells: string[] }[] = [];
	const source = fileSource(path);
	const records =
		'format' in dialect
			? readWorkbook(source, dialect.numberStyle ?? 'de', { sheet: null })
			: readRecords(decode(headOf(source, SAMPLE_BYTES), dialect.encoding), dialect.delimiter);
	try {
		for await (const { line, cells } of dataRecords(records)) {
			rows.push({ line, cells });
			if (rows.length >= SAMPLE_ROWS) break;
		}
	} catch (e) {
		// A syntax error is already among the errors; the rows before it are shown.
		if (!(e instanceof CsvSyntaxError)) {
			log.error({ event: 'preview_sample', err: e }, 'the first rows could not be read again');
		}
	}
	return rows;
}
