/** Where an import's time goes: the importer's stages one by one, in-process, on the same metrics file. */
import { join } from 'node:path';
import { openDatabase, migrateToLatest } from '$lib/server/db';
import { currentMonth } from '$lib/server/clock';
import { decode, detectDelimiter, fileSource, sniff } from '$lib/server/ingest/dialect';
import { importFile } from '$lib/server/ingest/ingest';
import { IssueLog } from '$lib/server/ingest/issues';
import type { Issue } from '$lib/server/ingest/messages';
import { readRecords } from '$lib/server/ingest/records';
import { dataRecords, scanFile } from '$lib/server/ingest/scan';
import { MetricsValidator } from '$lib/server/ingest/validate';
import { CodeIndex } from '$lib/server/ingest/values';
import { MetricsWriter } from '$lib/server/ingest/write';

export interface ImportStages {
	/** Hash and encoding check: one pass over the bytes. */
	sniff: number;
	/** csv-parse alone: decode and split every record once. */
	parse: number;
	/** The first pass: header and number style (the importer parses the whole file for it). */
	scan: number;
	/** Parse and validate every row: the second pass without the database. */
	validate: number;
	/** The whole `importFile` in-process, without starting npm and tsx. */
	importFile: number;
	/** Inside `importFile`: reading the stored rows of each batch (change detection). */
	fetchStored: number;
	/** Inside `importFile`: the upsert plus the undo images of each batch. */
	writeRows: number;
}

type Timed = Record<'fetch' | 'write', number>;

/** Wraps the writer's two database steps with a stopwatch; a diagnostic, so it patches the prototype. */
function timeWriter(spent: Timed): () => void {
	const proto = MetricsWriter.prototype as unknown as Record<
		keyof Timed,
		(...a: unknown[]) => Promise<unknown>
	>;
	const original = { fetch: proto.fetch, write: proto.write };
	for (const step of ['fetch', 'write'] as const) {
		proto[step] = async function (this: unknown, ...args: unknown[]) {
			const started = performance.now();
			try {
				return await original[step].apply(this, args);
			} finally {
				spent[step] += performance.now() - started;
			}
		};
	}
	return () => Object.assign(proto, original);
}

async function stopwatch(work: () => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await work();
	return performance.now() - started;
}

/** Times each stage on `file`; a fresh database in `dir` gets `registerFile` first. */
export async function importStages(
	file: string,
	registerFile: string,
	dir: string
): Promise<ImportStages> {
	const source = fileSource(file);
	const sniffed = await sniff(source);
	const delimiter = detectDelimiter(sniffed.head);
	const records = () => readRecords(decode(source, sniffed.encoding), delimiter);
	const stages = { sniff: await stopwatch(() => sniff(source)) } as ImportStages;
	stages.parse = await stopwatch(async () => {
		for await (const record of records()) void record;
	});
	const scanStarted = performance.now();
	const scanned = await scanFile(records, delimiter, new IssueLog());
	stages.scan = performance.now() - scanStarted;
	if (scanned?.header.kind !== 'metrics') throw new Error(`${file} is not a metrics file.`);
	const { header, style } = scanned;

	const db = openDatabase(join(dir, 'stages.db'));
	try {
		await migrateToLatest(db);
		const scope = { jobcenterId: null, mayImportRegister: true };
		await importFile(db, fileSource(registerFile), {
			fileName: 'register.csv',
			userId: null,
			scope
		});
		const codes = new CodeIndex(await db.selectFrom('jobcenter').select(['id', 'code']).execute());
		stages.validate = await stopwatch(async () => {
			const validator = new MetricsValidator(header.fields, header.names, style, codes, {
				current: currentMonth()
			});
			for await (const record of dataRecords(records())) {
				const found: Issue[] = [];
				validator.check(record, found);
			}
		});
		const spent: Timed = { fetch: 0, write: 0 };
		const restore = timeWriter(spent);
		try {
			stages.importFile = await stopwatch(() =>
				importFile(db, source, { fileName: 'metrics.csv', userId: null, scope })
			);
		} finally {
			restore();
		}
		stages.fetchStored = spent.fetch;
		stages.writeRows = spent.write;
	} finally {
		await db.destroy();
	}
	return stages;
}
