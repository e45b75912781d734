/** Imports one CSV file: sniff its dialect, check every row, then write all rows or none in one transaction. */
import type { DB } from '$lib/server/db';
import { currentMonth } from '$lib/server/clock';
import type { Metric } from '$lib/server/db/schema';
import { METRIC_FIELDS } from './aliases';
import { decode, detectDelimiter, sniff, type ByteSource, type Dialect } from './dialect';
import type { Kind } from './headers';
import { IssueLog } from './issues';
import type { Issue } from './messages';
import { readRecords } from './records';
import { dataRecords, scanFile } from './scan';
import { writeRegister } from './register';
import { MetricsValidator, type MetricsRow, type RegisterRow } from './validate';
import { RegisterValidator } from './validate-register';
import { CodeIndex } from './values';
import { MetricsWriter, type Counts, type RowChange } from './write';

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
}

const BATCH = 500;

class Rollback extends Error {}

export async function importFile(
	db: DB,
	source: ByteSource,
	options: IngestOptions
): Promise<IngestResult> {
	const env = options.env ?? process.env;
	const sniffed = await sniff(source);
	const delimiter = detectDelimiter(sniffed.head);
	const log = new IssueLog();
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
		...log.view()
	};
	const records = () => readRecords(decode(source, sniffed.encoding), delimiter);
	const finish = () => Object.assign(result, log.view());

	// First pass: the header, and the number style, which only the whole file decides.
	const scan = await scanFile(records, delimiter, log);
	if (!scan) return finish();
	const { header, style } = scan;
	result.kind = header.kind;
	result.dialect.numberStyle = style;
	result.columns = header.names.map((name, i) => ({ name, field: header.fields[i] }));
	if (log.errorCount > 0) return finish();
	if (header.kind === 'register' && !options.scope.mayImportRegister) {
		log.add({ line: 1, column: null, value: null, code: 'register_not_allowed' });
		return finish();
	}

	const jobcenters = await db
		.selectFrom('jobcenter')
		.select(['id', 'code'])
		.$if(options.scope.jobcenterId !== null, (q) =>
			q.where('id', '=', options.scope.jobcenterId as number)
		)
		.execute();
	const codes = new CodeIndex(jobcenters);
	const month = { current: currentMonth(env) };
	const crashAfter = Number(env.BENCHLEARN_CRASH_AFTER_ROWS) || 0;
	const batchSize = crashAfter > 0 ? Math.min(BATCH, crashAfter) : BATCH;

	try {
		await db.transaction().execute(async (trx) => {
			const { id: uploadId } = await trx
				.insertInto('upload')
				.values({
					user_id: options.userId,
					file_name: options.fileName,
					sha256: sniffed.sha256,
					kind: header.kind,
					dialect: JSON.stringify(result.dialect)
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			let counts: Counts;
			if (header.kind === 'metrics') {
				const validator = new MetricsValidator(header.fields, header.names, style, codes, month);
				const present = header.fields.filter((f): f is Metric =>
					(METRIC_FIELDS as string[]).includes(f ?? '')
				);
				const column = (metric: Metric) => header.names[header.fields.indexOf(metric)] ?? metric;
				const writer = new MetricsWriter(trx, uploadId, present, column, (w) => log.add(w));
				let batch: MetricsRow[] = [];
				const flush = async () => {
					await writer.add(batch, log.errorCount === 0);
					batch = [];
					if (crashAfter > 0 && writer.written >= crashAfter) process.exit(99);
				};
				for await (const record of dataRecords(records())) {
					const found: Issue[] = [];
					const row = validator.check(record, found);
					log.addAll(found);
					if (row) batch.push(row);
					if (batch.length >= batchSize) {
						await flush();
						options.onProgress?.(record.line);
					}
				}
				await flush();
				counts = writer.counts;
				result.changes = writer.changes;
			} else {
				const validator = new RegisterValidator(header.fields, header.names, style, codes, month);
				const rows: RegisterRow[] = [];
				for await (const record of dataRecords(records())) {
					const found: Issue[] = [];
					const row = validator.check(record, found);
					log.addAll(found);
					if (row) rows.push(row);
				}
				counts = await writeRegister(trx, uploadId, rows, log.errorCount === 0);
			}
			Object.assign(result, counts);
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
			result.uploadId = uploadId;
		});
	} catch (e) {
		if (!(e instanceof Rollback)) throw e;
	}
	return finish();
}
