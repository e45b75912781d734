/** Imports one CSV file: sniff its dialect, check every row, then write all rows or none in one transaction. */
import { sqliteOf, type DB } from '$lib/server/db';
import { currentMonth } from '$lib/server/clock';
import type { Kysely } from 'kysely';
import type { Database, Metric } from '$lib/server/db/schema';
import { METRIC_FIELDS } from './aliases';
import {
	decode,
	defaultNumberStyle,
	detectDelimiter,
	sniff,
	type ByteSource,
	type Dialect
} from './dialect';
import { readHeader, wideHeader, type Header, type Kind } from './headers';
import { IssueLog } from './issues';
import type { Issue } from './messages';
import { CsvSyntaxError, readRecords, type CsvRecord } from './records';
import { dataRecords, firstRecord, StyleWatch } from './scan';
import { writeRegister, type RegisterChange } from './register';
import { MetricsValidator, type RegisterRow } from './validate';
import { RegisterValidator } from './validate-register';
import { CodeIndex, type NumberStyle } from './values';
import { deferIndexes, isBulkLoad, MetricsWriter, type Counts, type RowChange } from './write';

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
	onProgress?: (line: number) => void;
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

/** How often the progress callback hears of the line reached. */
const PROGRESS_EVERY = 500;

class Rollback extends Error {}

/** The file's values read in the other number style: the pass starts again in that style. */
class Restyle extends Error {
	constructor(readonly style: NumberStyle) {
		super(style);
	}
}

export async function importFile(
	db: DB,
	source: ByteSource,
	options: IngestOptions
): Promise<IngestResult> {
	const env = options.env ?? process.env;
	const sniffed = await sniff(source);
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
	const records = () => readRecords(decode(source, sniffed.encoding), delimiter);

	let first: CsvRecord | null;
	try {
		first = await firstRecord(records());
	} catch (e) {
		if (!(e instanceof CsvSyntaxError)) throw e;
		return Object.assign(result, unreadable(e).view());
	}
	if (!first) return result;
	const header = readHeader(first.cells);
	const headerLog = new IssueLog();
	headerLog.addAll(header.issues);
	Object.assign(result, headerLog.view());
	if (header.kind === null) return result;
	result.kind = header.kind;
	result.columns = header.names.map((name, i) => ({ name, field: header.fields[i] }));
	if (headerLog.errorCount > 0) return result;
	if (header.kind === 'register' && !options.scope.mayImportRegister) {
		headerLog.add({ line: 1, column: null, value: null, code: 'register_not_allowed' });
		return Object.assign(result, headerLog.view());
	}

	const jobcenters = await db
		.selectFrom('jobcenter')
		.select(['id', 'code'])
		.$if(options.scope.jobcenterId !== null, (q) =>
			q.where('id', '=', options.scope.jobcenterId as number)
		)
		.execute();
	const pass: Pass = {
		db,
		header,
		records,
		options,
		dialect: result.dialect,
		sha256: sniffed.sha256,
		codes: new CodeIndex(jobcenters),
		month: { current: currentMonth(env) },
		crashAfter: Number(env.BENCHLEARN_CRASH_AFTER_ROWS) || 0,
		bulk:
			!options.dryRun &&
			header.kind === 'metrics' &&
			isBulkLoad(sqliteOf(db), sniffed.bytes, sniffed.head)
	};
	// Semicolon files are read as German and the others as English; in the rare file whose values
	// say otherwise, the whole pass runs again in the style they decide.
	let style = defaultNumberStyle(delimiter);
	for (;;) {
		try {
			return Object.assign(result, await importPass(pass, style));
		} catch (e) {
			if (!(e instanceof Restyle) || e.style === style) throw e;
			style = e.style;
		}
	}
}

interface Pass {
	db: DB;
	header: Exclude<Header, { kind: null }>;
	records: () => AsyncIterable<CsvRecord>;
	options: IngestOptions;
	dialect: Pick<Dialect, 'encoding' | 'delimiter'>;
	sha256: string;
	codes: CodeIndex;
	month: { current: string };
	crashAfter: number;
	/** An import (not a dry run) of a file that brings more rows than the table holds. */
	bulk: boolean;
}

function unreadable(e: CsvSyntaxError): IssueLog {
	const log = new IssueLog();
	log.add({ line: e.line, column: null, value: null, code: 'unreadable_csv', detail: e.reason });
	return log;
}

/** One pass over the data rows in `style`: checks and writes every row in one transaction. */
async function importPass(pass: Pass, style: NumberStyle) {
	const { db, header, options } = pass;
	let log = new IssueLog();
	log.addAll(header.issues);
	const dialect: Dialect = { ...pass.dialect, numberStyle: style };
	const outcome = {
		dialect,
		uploadId: null as number | null,
		inserted: 0,
		updated: 0,
		unchanged: 0,
		changes: [] as RowChange[],
		registerChanges: [] as RegisterChange[]
	};
	try {
		await db.transaction().execute(async (trx) => {
			// A dry run only reads: it holds no write lock, so others can write while a big file is checked.
			const uploadId = options.dryRun ? 0 : await recordUpload(trx, pass, dialect);
			const write = () => log.errorCount === 0 && !options.dryRun;
			const watch = new StyleWatch(header);
			let records = 0;
			/** Checks every data row, logs its issues and hands on the rows without errors. */
			const eachRow = async <R>(
				validator: { check(record: CsvRecord, issues: Issue[]): R | null },
				take: (row: R) => void
			) => {
				try {
					for await (const record of dataRecords(pass.records())) {
						records++;
						watch.note(record);
						const found: Issue[] = [];
						const row = validator.check(record, found);
						log.addAll(found);
						if (row) take(row);
						if (records % PROGRESS_EVERY === 0) options.onProgress?.(record.line);
					}
				} catch (e) {
					if (!(e instanceof CsvSyntaxError)) throw e;
					log.addAll(unreadable(e).errors);
				}
			};
			const decideStyle = () => {
				if (records === 0) log.add({ line: 2, column: null, value: null, code: 'no_rows' });
				const decided = watch.decide(dialect.delimiter);
				if (!('style' in decided)) {
					// The rows' number errors follow from the mix, which is what the user must fix.
					log = new IssueLog();
					log.addAll(header.issues);
					const [firstLine, secondLine] = decided.conflictLines;
					log.add({
						line: secondLine,
						column: null,
						value: null,
						code: 'mixed_number_format',
						detail: String(firstLine)
					});
				} else if (decided.style !== style) {
					throw new Restyle(decided.style);
				}
			};

			let counts: Counts;
			if (header.kind === 'metrics') {
				const validator = new MetricsValidator(
					header.fields,
					header.names,
					style,
					pass.codes,
					pass.month
				);
				const present = header.fields.filter((f): f is Metric =>
					(METRIC_FIELDS as string[]).includes(f ?? '')
				);
				const column = (metric: Metric) => header.names[header.fields.indexOf(metric)] ?? metric;
				const sqlite = sqliteOf(db);
				const rebuildIndexes = pass.bulk ? deferIndexes(sqlite, 'monthly_metric') : () => {};
				const writer = new MetricsWriter(sqlite, uploadId, present, column, (w) => log.add(w));
				await eachRow(validator, (row) => {
					writer.add(row, write());
					if (pass.crashAfter > 0 && writer.written >= pass.crashAfter) process.exit(99);
				});
				decideStyle();
				if (write()) rebuildIndexes();
				counts = writer.counts;
				outcome.changes = writer.changes;
			} else {
				const validator = new RegisterValidator(
					header.fields,
					header.names,
					style,
					pass.codes,
					pass.month
				);
				const rows: RegisterRow[] = [];
				await eachRow(validator, (row) => rows.push(row));
				decideStyle();
				const written = await writeRegister(trx, uploadId, rows, write());
				counts = written.counts;
				outcome.registerChanges = written.changes;
			}
			Object.assign(outcome, counts);
			if (log.errorCount > 0 || options.dryRun) throw new Rollback();
			await trx
				.updateTable('upload')
				.set({
					rows_inserted: counts.inserted,
					rows_updated: counts.updated,
					rows_unchanged: counts.unchanged,
					warnings: log.warningCount
				})
				.where('id', '=', uploadId)
				.execute();
			outcome.uploadId = uploadId;
		});
	} catch (e) {
		if (!(e instanceof Rollback)) throw e;
	}
	return { ...outcome, ...log.view() };
}

async function recordUpload(trx: Kysely<Database>, pass: Pass, dialect: Dialect): Promise<number> {
	const { id } = await trx
		.insertInto('upload')
		.values({
			user_id: pass.options.userId,
			file_name: pass.options.fileName,
			sha256: pass.sha256,
			kind: pass.header.kind,
			dialect: JSON.stringify(dialect)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}
