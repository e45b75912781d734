/**
 * `npm run export -- [--register] [--jobcenter CODE] [--from YYYY-MM] [--to YYYY-MM] [--lang de|en]`: the
 * canonical CSV on stdout, the same in every language; only the messages on stderr follow `--lang`.
 */
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { isMonth } from '$lib/months';
import { exportMetrics, exportRegister, type ExportFilter } from '$lib/server/ingest/export';
import { exit, inLang, openAppDatabase, run, useLang } from './common';

const USAGE =
	'Usage: npm run export -- [--register] [--jobcenter CODE] [--from YYYY-MM] [--to YYYY-MM] [--lang de|en]';

function readOptions(args: string[]): ExportFilter & { register: boolean } {
	try {
		const { values } = parseArgs({
			args,
			options: {
				register: { type: 'boolean', default: false },
				jobcenter: { type: 'string' },
				from: { type: 'string' },
				to: { type: 'string' },
				lang: { type: 'string' }
			}
		});
		const t = inLang(useLang(values.lang, USAGE));
		for (const key of ['from', 'to'] as const) {
			const month = values[key];
			if (month !== undefined && !isMonth(month))
				exit(
					t(
						`--${key} erwartet einen Monat im Format JJJJ-MM, nicht „${month}“.`,
						`--${key} must be a month YYYY-MM, not "${month}".`
					)
				);
		}
		return values;
	} catch (e) {
		exit(`${(e as Error).message}. ${USAGE}`);
	}
}

run(async () => {
	const options = readOptions(process.argv.slice(2));
	const db = await openAppDatabase();
	try {
		const lines = options.register ? exportRegister(db, options) : exportMetrics(db, options);
		for await (const line of lines) {
			// Waiting for the pipe to drain keeps memory flat when stdout is slower than SQLite.
			if (!process.stdout.write(line + '\n')) await once(process.stdout, 'drain');
		}
	} finally {
		await db.destroy();
	}
});
