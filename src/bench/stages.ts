/** Where an import's time goes: the importer's stages one by one, in-process, on the same metrics file. */
import { join } from 'node:path';
import { openDatabase, migrateToLatest } from '$lib/server/db';
import { currentMonth } from '$lib/server/clock';
import { decode, detectDelimiter, fileSource, sniff } from '$lib/server/ingest/dialect';
import { readHeader } from '$lib/server/ingest/headers';
import { importFile } from '$lib/server/ingest/ingest';
import type { Issue } from '$lib/server/ingest/messages';
import { readRecords } from '$lib/server/ingest/records';
import { dataRecords, firstRecord } from '$lib/server/ingest/scan';
import { MetricsValidator } from '$lib/server/ingest/validate';
import { CodeIndex } from '$lib/server/ingest/values';

export interface ImportStages {
	/** Hash and encoding check: one pass over the bytes. */
	sniff: number;
	/** csv-parse alone: decode and split every record once. */
	parse: number;
	/** Parse and validate every row: the importer's pass without the database. */
	validate: number;
	/** The whole `importFile` in-process, without starting npm and tsx. */
	importFile: number;
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
		const style = delimiter === ';' ? 'de' : 'en';
		stages.validate = await stopwatch(async () => {
			const validator = new MetricsValidator(header.fields, header.names, style, codes, {
				current: currentMonth()
			});
			for await (const record of dataRecords(records())) {
				const found: Issue[] = [];
				validator.check(record, found);
			}
		});
		stages.importFile = await stopwatch(() =>
			importFile(db, source, { fileName: 'metrics.csv', userId: null, scope })
		);
	} finally {
		await db.destroy();
	}
	return stages;
}
