/** The middle of a metrics file's pipeline: validate its rows (a large CSV file in a thread of its own) while the staged write compares and stages them, then apply them or only compare. */
import type { Delimiter, Encoding } from './dialect';
import type { IngestOptions } from './options';
import type { IssueLog } from './issues';
import type { Issue } from './messages';
import type { MetricRows } from './metric-rows';
import type { CsvRecord } from './records';
import type { StagedMetrics } from './staged-write';
import {
	validateFile,
	type FileHeader,
	type ValidateContext,
	type Validated
} from './validate-file';
import type { NumberStyle } from './values';
import type { UploadRecord, Written } from './write-stage';

/** Below this many bytes, starting a thread costs more than it saves. */
const THREAD_FROM_BYTES = 1024 * 1024;

export interface FileToValidate extends Pick<
	IngestOptions,
	'onBytesRead' | 'onProgress' | 'threadFromBytes'
> {
	/** Set for a CSV file on disk, which another thread can read too. */
	path: string | undefined;
	bytes: number;
	encoding: Encoding;
	delimiter: Delimiter;
	header: FileHeader;
	records: () => AsyncIterable<CsvRecord>;
	context: ValidateContext;
	jobcenters: { id: number; code: string }[];
}

/** Validates the file in `style`, each batch of good rows handed to `staged` as it is checked. */
export async function validateStaged(
	staged: StagedMetrics,
	style: NumberStyle,
	file: FileToValidate
): Promise<Validated> {
	const onBatch = (rows: MetricRows) => staged.add(rows, file.onProgress);
	const { path, header, context } = file;
	if (!path || file.bytes < (file.threadFromBytes ?? THREAD_FROM_BYTES)) {
		return validateFile(header, file.records(), style, { ...context, onBatch });
	}
	// Imported when needed, so that the bundle keeps the thread's module a file of its own.
	const { validateInThread } = await import('./validate-worker');
	const { encoding, delimiter, jobcenters } = file;
	const job = { path, encoding, delimiter, header, style, jobcenters, month: context.month };
	return validateInThread(job, onBatch, (read, records) =>
		file.onBytesRead?.(read, file.bytes, records)
	);
}

/** The staged rows applied, or for a dry run or a file with errors only compared. */
export function writeStaged(
	staged: StagedMetrics,
	log: IssueLog,
	warn: (issue: Issue) => void,
	upload: UploadRecord | null,
	options: IngestOptions
): Written {
	const written = upload
		? staged.apply(upload, {
				warningCount: () => log.warningCount + staged.warnings.length,
				onProgress: options.onProgress,
				onRowWritten: options.onRowWritten
			})
		: staged.compared();
	staged.warnings.forEach(warn);
	return written;
}
