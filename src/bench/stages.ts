/** Where an import's time goes: the pipeline's stages one by one, in-process, by their names in `ingest.ts`, on each metrics file. */
import { join } from 'node:path';
import { openDatabase, migrateToLatest } from '$lib/server/db';
import { listCodes } from '$lib/server/db/jobcenters';
import { currentMonth } from '$lib/server/clock';
import {
	decode,
	defaultNumberStyle,
	detectDelimiter,
	fileSource,
	sniff
} from '$lib/server/ingest/dialect';
import { readHeader, wideHeader } from '$lib/server/ingest/headers';
import { importFile } from '$lib/server/ingest/ingest';
import { readRecords } from '$lib/server/ingest/records';
import { firstRecord, numberStyleOf } from '$lib/server/ingest/scan';
import { validateFile, type FileHeader } from '$lib/server/ingest/validate-file';
import { CodeIndex } from '$lib/server/ingest/values';
import { writeMetrics } from '$lib/server/ingest/write-stage';
import type { DataFiles } from './dataset';
import { PARSERS } from './parsers';

/** Milliseconds per stage of one file. */
export interface FileStages {
	/** read: hash, size and encoding, one pass over the bytes. */
	read: number;
	/** detect dialect: the delimiter from the header line, and the check for a wide header. */
	dialect: number;
	/** parse: decode and split every record (`readRecords`, csv-parse as the importer configures it). */
	parse: number;
	/** validate: parse and check every row into `MetricRows`, the number-style vote included. */
	validate: number;
	/** decide number style, from the vote. */
	numberStyle: number;
	/** write: every row into a database holding the register only, in one transaction. */
	write: number;
}

export interface ImportStages {
	canonical: FileStages;
	german: FileStages;
	/**
	 * Each CSV parser alone on the canonical file's decoded text, wall and CPU time: the measurement
	 * that chooses it (CPU time is the fairer one on a busy machine).
	 */
	parsers: Record<string, { wall: number; cpu: number }>;
}

async function stopwatch(work: () => Promise<unknown> | unknown): Promise<number> {
	const started = performance.now();
	await work();
	return performance.now() - started;
}

/** Times each stage on `file`; a fresh database `db` gets `registerFile` first. */
async function fileStages(file: string, registerFile: string, database: string) {
	const source = fileSource(file);
	const stages = { read: await stopwatch(() => sniff(source)) } as FileStages;
	const sniffed = await sniff(source);
	let delimiter = detectDelimiter(sniffed.head);
	stages.dialect = await stopwatch(() => {
		delimiter = detectDelimiter(sniffed.head);
		if (wideHeader(sniffed.head, delimiter)) throw new Error(`${file}: header refused.`);
	});
	const records = () => readRecords(decode(source, sniffed.encoding), delimiter);
	stages.parse = await stopwatch(async () => {
		for await (const record of records()) void record;
	});
	const header = readHeader((await firstRecord(records()))?.cells ?? []);
	if (header.kind !== 'metrics') throw new Error(`${file} is not a metrics file.`);

	const db = openDatabase(database);
	try {
		await migrateToLatest(db);
		const scope = { jobcenterId: null, mayImportRegister: true };
		await importFile(db, fileSource(registerFile), {
			fileName: 'register.csv',
			userId: null,
			scope
		});
		const codes = new CodeIndex(await listCodes(db));
		const context = { codes, month: { current: currentMonth() } };
		const style = defaultNumberStyle(delimiter);
		let validated: Awaited<ReturnType<typeof validateFile>> | undefined;
		stages.validate = await stopwatch(async () => {
			validated = await validateFile(header as FileHeader, records(), style, context);
		});
		const checked = validated!;
		stages.numberStyle = await stopwatch(() => numberStyleOf(checked.watch, delimiter));
		if (checked.valid.kind !== 'metrics') throw new Error('Not a metrics file.');
		if (checked.log.errorCount > 0) throw new Error(`${file}: ${checked.log.errorCount} errors.`);
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

/** Each parser on the file's decoded text (decoded anew for each, as an import does); each must read every record. */
async function parserTimes(file: string, records: number): Promise<ImportStages['parsers']> {
	const source = fileSource(file);
	const sniffed = await sniff(source);
	const delimiter = detectDelimiter(sniffed.head);
	const times: ImportStages['parsers'] = {};
	for (const [name, parser] of Object.entries(PARSERS)) {
		let count = 0;
		const cpu = process.cpuUsage();
		const wall = await stopwatch(async () => {
			count = await parser(decode(source, sniffed.encoding), delimiter);
		});
		const used = process.cpuUsage(cpu);
		times[name] = { wall, cpu: (used.user + used.system) / 1000 };
		if (count !== records)
			throw new Error(`${name} read ${count} records of ${file}, not ${records}.`);
	}
	return times;
}

export async function importStages(files: DataFiles, dir: string): Promise<ImportStages> {
	return {
		// The header is a record too.
		parsers: await parserTimes(files.canonical, files.rows + 1),
		canonical: await fileStages(files.canonical, files.register, join(dir, 'stages-canonical.db')),
		german: await fileStages(files.german, files.register, join(dir, 'stages-german.db'))
	};
}
