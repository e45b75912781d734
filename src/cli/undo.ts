/** `npm run undo -- UPLOAD_ID [--lang de|en]`: restores the rows one upload touched, or says why it cannot. */
import { parseArgs } from 'node:util';
import { undoUpload } from '$lib/server/ingest/undo';
import { logUndo } from '$lib/server/log';
import { exit, openAppDatabase, run } from './common';

const USAGE = 'Usage: npm run undo -- UPLOAD_ID [--lang de|en]';

function readOptions(args: string[]): { id: number; lang: 'de' | 'en' } {
	try {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: { lang: { type: 'string', default: 'de' } }
		});
		if (positionals.length !== 1 || !/^\d+$/.test(positionals[0])) {
			exit(`Name one upload id (a whole number). ${USAGE}`);
		}
		if (values.lang !== 'de' && values.lang !== 'en') exit(`--lang must be de or en. ${USAGE}`);
		return { id: Number(positionals[0]), lang: values.lang };
	} catch (e) {
		exit(`${(e as Error).message}. ${USAGE}`);
	}
}

run(async () => {
	const { id, lang } = readOptions(process.argv.slice(2));
	const db = await openAppDatabase();
	try {
		const result = await undoUpload(db, id, lang);
		if (!result.ok) exit(result.message, 1);
		logUndo(id, result.restored, null, 'cli');
		process.stdout.write(
			(lang === 'en'
				? `Upload ${id} undone; ${result.restored} rows restored.`
				: `Upload ${id} rückgängig gemacht; ${result.restored} Zeilen wiederhergestellt.`) + '\n'
		);
	} finally {
		await db.destroy();
	}
});
