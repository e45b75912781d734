/**
 * Imports one CSV file as a pipeline of stages that return values: read → detect dialect → parse →
 * validate → decide number style → write (all rows in one transaction, or none).
 */
import type { DB } from '$lib/server/db';
import { currentMonth } from '$lib/server/clock';
import {
	decode,
	defaultNumberStyle,
	detectDelimiter,
	sniff,
	type ByteSource,
	type Dialect
} from './dialect';
import { readHeader, wideHeader, type Kind } from './headers';
import { IssueLog } from './issues';
import type { Issue } from './messages';
import { CsvSyntaxError, readRecords, type CsvRecord } from './records';
import { firstRecord, numberStyleOf } from './scan';
import { CodeIndex } from './values';
import { unreadable, validateFile, type FileHeader, type Validated } from './validate-file';
import { writeMetrics, writeRegisterFile, type UploadRecord, type Written } from './write-stage';
import type { RegisterChange } from './register';
import type { Counts, RowChange } from './write';

export interface IngestScope {
	/** Set for a jobcenter user: the only jobcenter whose rows the file may hold. */
	jobcenterId: number | null;
	mayImportRegister: boolean;
}

export interface IngestOptions {
	fileName: string;
	userId: number | null;
	scope: IngestScope;
	dryRun?: boolean;
	env?: Record<string, string | undefined>;
	/**
	 * The line reached while the rows are written (or, on a dry run, compared with the stored ones),
	 * with the rows done and the rows to do.
	 */
	onProgress?: (line: number, done: number, total: number) => void;
	/** Bytes read of the file's total and data records read, while it is parsed and validated. */
	onBytesRead?: (read: number, total: number, records: number) => void;
	/** After each written row: the seam through which tests end an import mid-transaction. */
	onRowWritten?: (written: number) => void;
}

export interface IngestResult extends Counts {
	kind: Kind | null;
	dialect: Partial<Dialect> & Pick<Dialect, 'encoding' | 'delimiter'>;
	sha256: string;
	uploadId: number | null;
	columns: { name: string; field: string | null }[];
	errors: IssueLog['errors'];
	warnings: IssueLog['warnings'];
	errorCount: number;
	warningCount: number;
	/** The first updated rows with their old and new values, for the preview. */
	changes: RowChange[];
	/** The same for a register: the first changed jobcenters. */
	registerChanges: RegisterChange[];
}

export async function importFile(
	db: DB,
	source: ByteSource,
	options: IngestOptions
): Promise<IngestResult> {
	// read
	const sniffed = await sniff(source);
	// detect dialect
	const delimiter = detectDelimiter(sniffed.head);
	const result: IngestResult = {
		kind: null,
		dialect: { encoding: sniffed.encoding, delimiter },
		sha256: sniffed.sha256,
		uploadId: null,
		columns: [],
		inserted: 0,
		updated: 0,
		unchanged: 0,
		changes: [],
		registerChanges: [],
		...new IssueLog().view()
	};
	const wide = wideHeader(sniffed.head, delimiter);
	if (wide) return Object.assign(result, { errors: [wide], errorCount: 1 });
	// parse
	let bytesRead = 0;
	const counted: ByteSource = async function* () {
		bytesRead = 0;
		for await (const chunk of source()) {
			bytesRead += chunk.length;
			yield chunk;
		}
	};
	const records = () => readRecords(decode(counted, sniffed.encoding), delimiter);
	const headed = await headerOf(records, options.scope);
	if (!headed.header) return Object.assign(result, headed.outcome);
	const { header } = headed;
	Object.assign(result, headed.outcome);

	// validate, then decide the number style from all values; in the rare file whose values decide
	// against the delimiter's usual style, its rows are read once more in the decided style.
	const jobcenters = await db
		.selectFrom('jobcenter')
		.select(['id', 'code'])
		.$if(options.scope.jobcenterId !== null, (q) =>
			q.where('id', '=', options.scope.jobcenterId as number)
		)
		.execute();
	const context = {
		codes: new CodeIndex(jobcenters),
		month: { current: currentMonth(options.env ?? process.env) },
		onRecord: (records: number) => options.onBytesRead?.(bytesRead, sniffed.bytes, records)
	};
	const provisional = defaultNumberStyle(delimiter);
	let validated = await validateFile(header, records(), provisional, context);
	let decided = numberStyleOf(validated.watch, delimiter);
	if ('style' in decided && decided.style !== provisional) {
		validated = await validateFile(header, records(), decided.style, context);
		decided = numberStyleOf(validated.watch, delimiter);
	}
	const style = 'style' in decided ? decided.style : provisional;
	const dialect: Dialect = { encoding: sniffed.encoding, delimiter, numberStyle: style };
	let { log } = validated;
	let warn = (issue: Issue) => log.add(issue);
	if (validated.records === 0) log.add({ line: 2, column: null, value: null, code: 'no_rows' });
	if ('mixed' in decided) {
		// Nothing but the mix itself: the rows' number errors and warnings follow from it.
		log = new IssueLog();
		log.addAll(header.issues);
		log.add(decided.mixed);
		warn = () => {};
	}

	// write
	const upload: UploadRecord | null =
		log.errorCount > 0 || options.dryRun
			? null
			: {
					userId: options.userId,
					fileName: options.fileName,
					sha256: sniffed.sha256,
					kind: header.kind,
					dialect
				};
	const written = await write(db, header, validated, log, warn, upload, options);
	return Object.assign(result, { dialect }, written, log.view());
}

/** The header record read and checked; `header` is unset when the file ends there. */
async function headerOf(
	records: () => AsyncIterable<CsvRecord>,
	scope: IngestScope
): Promise<{ header?: FileHeader; outcome: Partial<IngestResult> }> {
	let first;
	try {
		first = await firstRecord(records());
	} catch (e) {
		if (!(e instanceof CsvSyntaxError)) throw e;
		const log = new IssueLog();
		log.add(unreadable(e));
		return { outcome: log.view() };
	}
	if (!first) return { outcome: {} };
	const header = readHeader(first.cells);
	const log = new IssueLog();
	log.addAll(header.issues);
	if (header.kind === null) return { outcome: log.view() };
	const outcome = {
		kind: header.kind,
		columns: header.names.map((name, i) => ({ name, field: header.fields[i] })),
		...log.view()
	};
	if (log.errorCount > 0) return { outcome };
	if (header.kind === 'register' && !scope.mayImportRegister) {
		log.add({ line: 1, column: null, value: null, code: 'register_not_allowed' });
		return { outcome: { ...outcome, ...log.view() } };
	}
	return { header, outcome };
}

function write(
	db: DB,
	header: FileHeader,
	{ valid }: Validated,
	log: IssueLog,
	warn: (issue: Issue) => void,
	upload: UploadRecord | null,
	options: IngestOptions
): Written | Promise<Written> {
	const hooks = {
		warningCount: () => log.warningCount,
		onProgress: options.onProgress,
		onRowWritten: options.onRowWritten
	};
	if (valid.kind === 'register') return writeRegisterFile(db, valid.rows, upload, hooks);
	const column = (metric: string) => header.names[header.fields.indexOf(metric as never)] ?? metric;
	return writeMetrics(db, valid.rows, upload, column, warn, hooks);
}
