/**
 * Imports the platforms' own exports: several files of one jobcenter become one upload through
 * the import's reading, dialect and write stages; one rejected file writes nothing at all.
 */
import { createHash } from 'node:crypto';
import { currentMonth } from '$lib/server/clock';
import type { DB } from '$lib/server/db';
import { byId } from '$lib/server/db/jobcenters';
import type { Issue } from '../messages';
import type { RowChange } from '../write';
import { readNativeFile, type NativeFile, type NativeFileResult, type Stated } from './file';
import { merge } from './merge';
import { writeNativeRows } from './write';

export { isNativeExport, metaDailyTitle, type NativeFile, type NativeFileResult } from './file';

export interface NativeOptions extends Stated {
	jobcenterId: number;
	userId: number | null;
	dryRun?: boolean;
	env?: Record<string, string | undefined>;
}

export interface NativeResult {
	files: NativeFileResult[];
	uploadId: number | null;
	inserted: number;
	updated: number;
	unchanged: number;
	/** The first updated rows with their stored and new values ("bisher → neu"). */
	changes: RowChange[];
	errorCount: number;
	warningCount: number;
}

export async function importNativeFiles(
	db: DB,
	files: NativeFile[],
	options: NativeOptions
): Promise<NativeResult> {
	// The caller chose the jobcenter (the user's own, or an analyst's choice): a wrong id is a bug.
	const known = await byId(db, options.jobcenterId, ['id']);
	if (!known) throw new Error(`There is no jobcenter with id ${options.jobcenterId}.`);
	const current = currentMonth(options.env ?? process.env);
	const read = [];
	for (const file of files) read.push(await readNativeFile(file, options, current));
	const results = read.map((r) => r.result);
	const merged = merge(results, options.jobcenterId);
	const outcome: NativeResult = {
		files: results,
		uploadId: null,
		inserted: 0,
		updated: 0,
		unchanged: 0,
		changes: [],
		errorCount: 0,
		warningCount: 0
	};
	const count = () => {
		outcome.errorCount = results.reduce((n, r) => n + r.errors.length, 0);
		outcome.warningCount = results.reduce((n, r) => n + r.warnings.length, 0);
	};
	count();
	const rejected = outcome.errorCount > 0;
	// Every file's months are compared with the stored rows, also when the upload is rejected.
	const upload =
		rejected || options.dryRun
			? null
			: {
					userId: options.userId,
					fileName: files.map((f) => f.name).join(', '),
					sha256: createHash('sha256')
						.update(read.map((r) => r.sha256 ?? '').join('\n'))
						.digest('hex'),
					dialect: {
						format: 'native' as const,
						files: results.map((r) => ({
							name: r.fileName,
							format: r.format ?? '',
							channel: r.channel
						}))
					}
				};
	// A figure's warning goes to the file that brought the row, with the row's month.
	const warn = (issue: Issue) => {
		const row = merged.rows[issue.line as number];
		const file = results[merged.firstFile[issue.line as number]];
		file.warnings.push({ ...issue, line: null, month: row.month });
	};
	const written = writeNativeRows(db, merged.rows, upload, String, warn, () => {
		count();
		return outcome.warningCount;
	});
	Object.assign(outcome, written);
	if (rejected) Object.assign(outcome, { inserted: 0, updated: 0, unchanged: 0, uploadId: null });
	count();
	return outcome;
}
