/** Where an import's time goes: the pipeline's stages in-process, by their names in `ingest.ts`, on each metrics file, and parse and validate alone. */
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
import { importFile, type Stage } from '$lib/server/ingest/ingest';
import { readRecords } from '$lib/server/ingest/records';
import { firstRecord } from '$lib/server/ingest/scan';
import { validateFile, type FileHeader } from '$lib/server/ingest/validate-file';
import { CodeIndex } from '$lib/server/ingest/values';
import type { DataFiles } from './dataset';
import { PARSERS } from './parsers';

/** Milliseconds per stage of one file. */
export interface FileStages {
	/** parse alone: decode and split every record (`readRecords`, Papa Parse). */
	parse: number;
	/** validate alone: parse and check every row into `MetricRows`, in one thread. */
	validate: number;
	/** The import itself (`importFile` into a database holding the register), by its stages. */
	read: number;
	dialect: number;
	/** parse and validate in their own thread, while the rows are compared and staged. */
	staged: number;
	numberStyle: number;
	/** write: the staged rows applied, the only time the import holds the write lock. */
	write: number;
	total: number;
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

/** Times parse and validate alone on `file`, then each stage of its import into `database`. */
async function fileStages(file: string, registerFile: string, database: string) {
	const source = fileSource(file);
	const sniffed = await sniff(source);
	const delimiter = detectDelimiter(sniffed.head);
	if (wideHeader(sniffed.head, delimiter)) throw new Error(`${file}: header refused.`);
	const records = () => readRecords(decode(source, sniffed.encoding), delimiter);
	const stages = {} as FileStages;
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
		stages.validate = await stopwatch(async () => {
			const checked = await validateFile(header as FileHeader, records(), style, context);
			if (checked.log.errorCount > 0) throw new Error(`${file}: ${checked.log.errorCount} errors.`);
		});
		// The import, its stages timed from where each begins to where the next does.
		const begun: [Stage, number][] = [];
		const started = performance.now();
		const result = await importFile(db, fileSource(file), {
			fileName: 'metrics.csv',
			userId: null,
			scope,
			onStage: (stage) => begun.push([stage, performance.now()])
		});
		const ended = performance.now();
		if (result.uploadId === null) throw new Error(`${file} was not imported.`);
		const took = (stage: Stage) => {
			const at = begun.findIndex(([s]) => s === stage);
			return (begun[at + 1]?.[1] ?? ended) - begun[at][1];
		};
		stages.read = took('read');
		stages.dialect = took('detect dialect');
		stages.staged = took('validate');
		stages.numberStyle = took('decide number style');
		stages.write = took('write');
		stages.total = ended - started;
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
