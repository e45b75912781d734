/**
 * Imports one CSV file or Excel workbook as a pipeline of stages that return values: read →
 * detect dialect → parse and validate (a large CSV file in a thread of its own), each batch of
 * metrics rows compared and staged meanwhile (`staged-write.ts`) → decide number style → write
 * (the staged rows applied in one short transaction, or none).
 */
import { sqliteOf, type DB } from '$lib/server/db';
import { listCodes } from '$lib/server/db/jobcenters';
import { currentMonth } from '$lib/server/clock';
import {
	decode,
	defaultNumberStyle,
	detectDelimiter,
	sniff,
	type ByteSource,
	type Delimiter,
	type FileDialect,
	type FoundDialect
} from './dialect';
import { readHeader, wideHeader, type Kind } from './headers';
import { IssueLog, type CodeCounts } from './issues';
import { columnLetter, type Issue } from './messages';
import { CsvSyntaxError, readRecords, type CsvRecord } from './records';
import { firstRecord, numberStyleOf } from './scan';
import { CodeIndex, type NumberStyle } from './values';
import type { WorkbookInfo } from './workbook';
import { validateStaged, writeStaged } from './pipeline';
import { StagedMetrics, StaleStage } from './staged-write';
import {
	presentMetrics,
	unreadable,
	validateFile,
	type FileHeader,
	type Validated
} from './validate-file';
import { writeMetrics, writeRegisterFile, type UploadRecord, type Written } from './write-stage';
import type { RegisterChange } from './register';
import type { SampleRow } from './sample';
import type { Counts, RowChange } from './write';
import type { IngestOptions, IngestScope } from './options';

export type { IngestOptions, IngestScope, Stage } from './options';

export interface IngestResult extends Counts {
	kind: Kind | null;
	dialect: FoundDialect;
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
	/** Set when the lists hold only the first issues of each code (`bounded.ts`): each code's count. */
	codeCounts?: CodeCounts;
	/** A web check's first data rows, read by the import's thread for the preview (`sample.ts`). */
	sample?: SampleRow[];
}

export async function importFile(
	db: DB,
	source: ByteSource,
	options: IngestOptions
): Promise<IngestResult> {
	options.onStage?.('read');
	const sniffed = await sniff(source);
	options.onStage?.('detect dialect');
	// detect dialect: a workbook by its ZIP signature, a CSV's delimiter by its header line
	const workbook: WorkbookInfo | null = sniffed.zip ? { sheet: null } : null;
	const delimiter = workbook ? null : detectDelimiter(sniffed.head);
	const result: IngestResult = {
		kind: null,
		dialect: workbook
			? { format: 'xlsx', sheet: null }
			: { encoding: sniffed.encoding, delimiter: delimiter as Delimiter },
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
	// Loaded for a workbook only: exceljs takes a quarter of a second to load, which every CSV import
	// (the command line's, an import's thread) would pay before reading its first byte.
	const excel = workbook ? await import('./workbook') : null;
	const refused = excel ? await excel.checkWorkbook(source) : wideHeader(sniffed.head, delimiter!);
	if (refused) return Object.assign(result, { errors: [refused], errorCount: 1 });
	// parse
	let bytesRead = 0;
	const counted: ByteSource = async function* () {
		bytesRead = 0;
		for await (const chunk of source()) {
			bytesRead += chunk.length;
			yield chunk;
		}
	};
	// A workbook's numbers are written in the style its text is read in, so that both read alike.
	const records = (style: NumberStyle) =>
		excel && workbook
			? excel.readWorkbook(counted, style, workbook)
			: readRecords(decode(counted, sniffed.encoding), delimiter!);
	const provisional = defaultNumberStyle(delimiter);
	const headed = await headerOf(() => records(provisional), options.scope);
	const located = () => (workbook ? locate(result, workbook.sheet) : result);
	if (workbook) result.dialect = { format: 'xlsx', sheet: workbook.sheet };
	if (!headed.header) {
		Object.assign(result, headed.outcome);
		// A text file without a line was refused as empty; a workbook's first sheet may be.
		if (workbook && result.errorCount === 0 && result.kind === null) {
			const issue: Issue = { line: null, column: null, value: null, code: 'empty_sheet' };
			Object.assign(result, { errors: [issue], errorCount: 1 });
		}
		return located();
	}
	const { header } = headed;
	Object.assign(result, headed.outcome);

	// validate, then decide the number style from all values; in the rare file whose values decide
	// against the delimiter's usual style, its rows are read once more in the decided style.
	const jobcenters = await listCodes(db, options.scope.jobcenterId);
	const context = {
		codes: new CodeIndex(jobcenters),
		month: { current: currentMonth(options.env ?? process.env) },
		onRecord: (records: number) => options.onBytesRead?.(bytesRead, sniffed.bytes, records)
	};
	const column = (metric: string) => header.names[header.fields.indexOf(metric as never)] ?? metric;
	// A metrics file's rows are compared with the stored ones and staged while they are read.
	let staged =
		header.kind === 'metrics' && options.stagedWrite !== false
			? new StagedMetrics(sqliteOf(db), presentMetrics(header), column, !options.dryRun)
			: null;
	try {
		const file = {
			...options,
			path: workbook ? undefined : (source as { path?: string }).path,
			...{ bytes: sniffed.bytes, encoding: sniffed.encoding, delimiter: delimiter! },
			...{ header, context, jobcenters }
		};
		const check = (style: NumberStyle, into: StagedMetrics) =>
			validateStaged(into, style, { ...file, records: () => records(style) });
		options.onStage?.('validate');
		let validated = staged
			? await check(provisional, staged)
			: await validateFile(header, records(provisional), provisional, context);
		options.onStage?.('decide number style');
		let decided = numberStyleOf(validated.watch, delimiter);
		if ('style' in decided && decided.style !== provisional) {
			// Read once more in the decided style, its rows kept and then written in one transaction.
			staged?.dispose();
			staged = null;
			validated = await validateFile(header, records(decided.style), decided.style, context);
			decided = numberStyleOf(validated.watch, delimiter);
		}
		const style = 'style' in decided ? decided.style : provisional;
		const dialect: FileDialect = workbook
			? { format: 'xlsx', sheet: workbook.sheet, numberStyle: style }
			: { encoding: sniffed.encoding, delimiter: delimiter!, numberStyle: style };
		let { log } = validated;
		let warn = (issue: Issue) => log.add(issue);
		// A file broken right after its header has rows; they are only unreadable.
		const unreadable = log.errors.some((e) => e.code === 'unreadable_csv');
		if (validated.records === 0 && !unreadable) {
			log.add({ line: 2, column: null, value: null, code: 'no_rows' });
		}
		if ('mixed' in decided) {
			// Nothing but the mix itself: the rows' number errors and warnings follow from it.
			log = new IssueLog();
			log.addAll(header.issues);
			log.add(decided.mixed);
			warn = () => {};
		}

		options.onStage?.('write');
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
		const written = staged
			? writeStaged(staged, log, warn, upload, options)
			: await write(db, header, validated, log, warn, upload, options);
		Object.assign(result, { dialect }, written, log.view());
	} catch (e) {
		if (!(e instanceof StaleStage)) throw e;
		staged?.dispose();
		staged = null;
		return importFile(db, source, { ...options, stagedWrite: false });
	} finally {
		staged?.dispose();
	}
	return located();
}

/**
 * In a workbook, every message names the sheet and the cell's column letter, as Excel shows them;
 * the column's header text stays in `column`.
 */
function locate(result: IngestResult, sheet: string | null): IngestResult {
	const names = result.columns.map((c) => c.name);
	const at = (issue: Issue): Issue => {
		const extra = /^#(\d+)$/.exec(issue.column ?? '');
		const index = extra ? Number(extra[1]) - 1 : names.indexOf(issue.column ?? '');
		return {
			...issue,
			...(sheet === null ? {} : { sheet }),
			...(index < 0 ? {} : { cell: columnLetter(index) })
		};
	};
	return Object.assign(result, {
		errors: result.errors.map(at),
		warnings: result.warnings.map(at)
	});
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
