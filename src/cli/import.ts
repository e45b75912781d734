/** `npm run import -- FILE [--dry-run] [--json] [--lang de|en]`: checks a CSV file and writes it all or not at all. */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '$lib/server/config';
import { writeFault } from '$lib/server/db/faults';
import { fileSource, UnreadableFile } from '$lib/server/ingest/dialect';
import { importFile } from '$lib/server/ingest/ingest';
import { unreadableMessage, type Lang } from '$lib/server/ingest/messages';
import { toJson, toText } from '$lib/server/ingest/report';
import { logImport } from '$lib/server/log';
import { exit, openAppDatabase, run, say } from './common';

const USAGE = 'Usage: npm run import -- FILE [--dry-run] [--json] [--lang de|en]';

function readOptions(args: string[]) {
	try {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: {
				'dry-run': { type: 'boolean', default: false },
				json: { type: 'boolean', default: false },
				lang: { type: 'string' }
			}
		});
		if (positionals.length !== 1) exit(`Name exactly one file. ${USAGE}`);
		const lang = values.lang ?? (values.json ? 'en' : 'de');
		if (lang !== 'de' && lang !== 'en') exit(`--lang must be de or en, not "${lang}". ${USAGE}`);
		return {
			file: positionals[0],
			dryRun: values['dry-run'],
			json: values.json,
			lang: lang as Lang
		};
	} catch (e) {
		exit(`${(e as Error).message}. ${USAGE}`);
	}
}

run(async () => {
	const options = readOptions(process.argv.slice(2));
	let size: number;
	try {
		const stat = statSync(options.file);
		if (!stat.isFile()) exit(`${options.file} is not a file.`);
		size = stat.size;
	} catch (e) {
		exit(
			`${options.file} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`
		);
	}
	if (size === 0) exit(`${options.file}: ${unreadableMessage('empty', options.lang)}`);
	const db = await openAppDatabase();
	let shownPercent = 0;
	try {
		const result = await importFile(db, fileSource(options.file), {
			fileName: basename(options.file),
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
		process.exitCode = result.errorCount > 0 ? 1 : 0;
	} catch (e) {
		if (e instanceof UnreadableFile) {
			exit(`${options.file}: ${unreadableMessage(e.reason, options.lang)}`);
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
