/** Where an import's time goes: the pipeline's stages one by one, in-process, by their names in `ingest.ts`, on the same metrics file. */
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { pipeline, Readable } from 'node:stream';
import { openDatabase, migrateToLatest } from '$lib/server/db';
import { currentMonth } from '$lib/server/clock';
import {
	decode,
	defaultNumberStyle,
	detectDelimiter,
	fileSource,
	sniff,
	type Delimiter
} from '$lib/server/ingest/dialect';
import { readHeader } from '$lib/server/ingest/headers';
import { importFile } from '$lib/server/ingest/ingest';
import { readRecords } from '$lib/server/ingest/records';
import { firstRecord, numberStyleOf } from '$lib/server/ingest/scan';
import { validateFile, type FileHeader } from '$lib/server/ingest/validate-file';
import { CodeIndex } from '$lib/server/ingest/values';
import { writeMetrics } from '$lib/server/ingest/write-stage';

export interface ImportStages {
	/** read: hash, size and encoding, one pass over the bytes. */
	sniff: number;
	/** parse: decode and split every record once (csv-parse as the importer configures it). */
	parse: number;
	/** validate: parse and check every row into `MetricRows`, the number-style vote included. */
	validate: number;
	/** decide number style. */
	decide: number;
	/** write: every row into a database holding the register only, in one transaction. */
	write: number;
	/** csv-parse alone with other options, to choose its configuration by measurement. */
	parseOptions: Record<string, number>;
}

async function stopwatch(work: () => Promise<unknown> | unknown): Promise<number> {
	const started = performance.now();
	await work();
	return performance.now() - started;
}

/** csv-parse variants on the same text: what the importer needs (bom, quotes) and less. */
const PARSE_OPTIONS: Record<string, object> = {
	'as configured (trim, relax_quotes, relax_column_count)': {
		bom: true,
		trim: true,
		relax_quotes: true,
		relax_column_count: true
	},
	'without trim (the validator trims each cell anyway)': {
		bom: true,
		relax_quotes: true,
		relax_column_count: true
	},
	'bare (bom and relax_column_count only)': { bom: true, relax_column_count: true }
};

async function parseWith(text: AsyncIterable<string>, delimiter: Delimiter, options: object) {
	const parser = parse({ delimiter, ...options });
	pipeline(Readable.from(text), parser, () => {});
	for await (const record of parser) void record;
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
	const text = () => decode(source, sniffed.encoding);
	const records = () => readRecords(text(), delimiter);
	const stages = { sniff: await stopwatch(() => sniff(source)) } as ImportStages;
	stages.parse = await stopwatch(async () => {
		for await (const record of records()) void record;
	});
	stages.parseOptions = {};
	for (const [name, options] of Object.entries(PARSE_OPTIONS)) {
		stages.parseOptions[name] = await stopwatch(() => parseWith(text(), delimiter, options));
	}
	const header = readHeader((await firstRecord(records()))?.cells ?? []);
	if (header.kind !== 'metrics') throw new Error(`${file} is not a metrics file.`);

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
		const context = { codes, month: { current: currentMonth() } };
		const style = defaultNumberStyle(delimiter);
		let validated: Awaited<ReturnType<typeof validateFile>> | undefined;
		stages.validate = await stopwatch(async () => {
			validated = await validateFile(header as FileHeader, records(), style, context);
		});
		const checked = validated!;
		stages.decide = await stopwatch(() => numberStyleOf(checked.watch, delimiter));
		if (checked.valid.kind !== 'metrics') throw new Error('Not a metrics file.');
		const rows = checked.valid.rows;
		const upload = {
			userId: null,
			fileName: 'metrics.csv',
			sha256: sniffed.sha256,
			kind: 'metrics' as const,
			dialect: { encoding: sniffed.encoding, delimiter, numberStyle: style }
		};
		stages.write = await stopwatch(() =>
			writeMetrics(db, rows, upload, String, () => {}, { warningCount: () => 0 })
		);
	} finally {
		await db.destroy();
	}
	return stages;
}
