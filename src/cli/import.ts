/**
 * `npm run import -- FILE... [--jobcenter CODE] [--channel ID] [--from YYYY-MM-DD --to YYYY-MM-DD]
 * [--dry-run] [--json] [--lang de|en]`: checks a CSV file, or several platform exports as one
 * upload, and writes it all or not at all.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChannelId } from '$lib/channels';
import { readConfig } from '$lib/server/config';
import { writeFault } from '$lib/server/db/faults';
import type { DB } from '$lib/server/db';
import { listCodes } from '$lib/server/db/jobcenters';
import { fileSource, UnreadableFile } from '$lib/server/ingest/dialect';
import { importFile } from '$lib/server/ingest/ingest';
import { unreadableMessage, type Lang } from '$lib/server/ingest/messages';
import { parseDay } from '$lib/server/ingest/native/dates';
import { importNativeFiles, isNativeExport } from '$lib/server/ingest/native/native';
import { toNativeJson, toNativeText } from '$lib/server/ingest/native/report';
import { toJson, toText } from '$lib/server/ingest/report';
import { CodeIndex, parseChannel } from '$lib/server/ingest/values';
import { logImport } from '$lib/server/log';
import { exit, openAppDatabase, run, say } from './common';

const USAGE =
	'Usage: npm run import -- FILE... [--jobcenter CODE] [--channel ID] [--from YYYY-MM-DD --to YYYY-MM-DD] [--dry-run] [--json] [--lang de|en]';

type Options = ReturnType<typeof readOptions>;

function readOptions(args: string[]) {
	try {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: {
				'dry-run': { type: 'boolean', default: false },
				json: { type: 'boolean', default: false },
				lang: { type: 'string' },
				jobcenter: { type: 'string' },
				channel: { type: 'string' },
				from: { type: 'string' },
				to: { type: 'string' }
			}
		});
		if (positionals.length === 0) exit(`Name at least one file. ${USAGE}`);
		const lang = values.lang ?? (values.json ? 'en' : 'de');
		if (lang !== 'de' && lang !== 'en') exit(`--lang must be de or en, not "${lang}". ${USAGE}`);
		let channel: ChannelId | null = null;
		if (values.channel !== undefined) {
			channel = parseChannel(values.channel);
			if (!channel) exit(`--channel "${values.channel}" is not a known channel. ${USAGE}`);
		}
		if ((values.from === undefined) !== (values.to === undefined)) {
			exit(`--from and --to go together. ${USAGE}`);
		}
		let period = null;
		if (values.from !== undefined && values.to !== undefined) {
			const iso = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? parseDay(v) : null);
			const [from, to] = [iso(values.from), iso(values.to)];
			if (!from || !to) exit(`--from and --to must be days YYYY-MM-DD. ${USAGE}`);
			if (from > to) exit(`--from ${from} lies after --to ${to}.`);
			period = { from, to };
		}
		return {
			files: positionals,
			dryRun: values['dry-run'],
			json: values.json,
			lang: lang as Lang,
			jobcenter: values.jobcenter ?? null,
			channel,
			period
		};
	} catch (e) {
		exit(`${(e as Error).message}. ${USAGE}`);
	}
}

/** Exits with code 2 when a file cannot be read at all. */
function checkReadable(file: string, lang: Lang): void {
	let size: number;
	try {
		const stat = statSync(file);
		if (!stat.isFile()) exit(`${file} is not a file.`);
		size = stat.size;
	} catch (e) {
		exit(`${file} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
	}
	if (size === 0) exit(`${file}: ${unreadableMessage('empty', lang)}`);
}

/** Platform exports: recognised by their content, never by their name. */
async function anyNative(options: Options): Promise<boolean> {
	for (const file of options.files) {
		try {
			if (await isNativeExport(fileSource(file))) return true;
		} catch (e) {
			if (e instanceof UnreadableFile)
				exit(`${file}: ${unreadableMessage(e.reason, options.lang)}`);
			throw e;
		}
	}
	return false;
}

async function importNative(db: DB, options: Options): Promise<number> {
	if (options.jobcenter === null) exit(`Platform exports need --jobcenter CODE. ${USAGE}`);
	const jobcenters = await listCodes(db);
	const match = new CodeIndex(jobcenters).find(options.jobcenter);
	if (!match) exit(`--jobcenter "${options.jobcenter}" is not a known jobcenter code.`);
	const result = await importNativeFiles(
		db,
		options.files.map((file) => ({ name: basename(file), source: fileSource(file) })),
		{
			jobcenterId: match.id,
			channel: options.channel,
			period: options.period,
			userId: null,
			dryRun: options.dryRun
		}
	);
	const output = options.json
		? JSON.stringify(toNativeJson(result, options.lang))
		: toNativeText(result, options.lang, options.dryRun);
	process.stdout.write(output + '\n');
	logImport({ ...result, kind: 'metrics' }, null, 'cli', options.dryRun);
	return result.errorCount > 0 ? 1 : 0;
}

/** Benchlearn's own layout, one file: the contract as it always was. */
async function importOwnFile(db: DB, options: Options): Promise<number> {
	const [file] = options.files;
	let shownPercent = 0;
	const result = await importFile(db, fileSource(file), {
		fileName: basename(file),
		userId: null,
		scope: { jobcenterId: null, mayImportRegister: true },
		dryRun: options.dryRun,
		// Reading and checking: the share of the file's bytes read, in steps of 10 %.
		onBytesRead: (read, total) => {
			const percent = Math.floor((read / total) * 10) * 10;
			if (percent <= shownPercent) return;
			shownPercent = percent;
			say(`… ${percent} % read`);
		},
		// Writing (or comparing, on a dry run): the line reached.
		onProgress: (line) => {
			if (line % 50_000 < 500) say(`… ${line} lines`);
		}
	});
	const output = options.json
		? JSON.stringify(toJson(result, options.lang))
		: toText(result, options.lang, options.dryRun);
	process.stdout.write(output + '\n');
	logImport(result, null, 'cli', options.dryRun);
	return result.errorCount > 0 ? 1 : 0;
}

run(async () => {
	const options = readOptions(process.argv.slice(2));
	for (const file of options.files) checkReadable(file, options.lang);
	const native = options.files.length > 1 || (await anyNative(options));
	if (!native && (options.jobcenter || options.channel || options.period)) {
		exit(
			`--jobcenter, --channel, --from and --to are for platform exports; ${options.files[0]} is a file in Benchlearn's own layout, which names jobcenter, channel and month in its rows.`
		);
	}
	const db = await openAppDatabase();
	try {
		process.exitCode = native ? await importNative(db, options) : await importOwnFile(db, options);
	} catch (e) {
		if (e instanceof UnreadableFile) {
			exit(`${options.files.join(', ')}: ${unreadableMessage(e.reason, options.lang)}`);
		}
		const fault = writeFault(e);
		const why = `${(e as Error).message} (${(e as { code?: string }).code})`;
		if (fault === 'storage') {
			exit(
				`The database ${readConfig().databasePath} could not be written: ${why}. Nothing was imported; free space or make the storage writable, then run the import again.`,
				1
			);
		}
		if (fault === 'busy') {
			exit(
				`The database is busy with another write: ${why}. Nothing was imported; run the import again when the other write has finished.`,
				1
			);
		}
		throw e;
	} finally {
		await db.destroy();
	}
});
