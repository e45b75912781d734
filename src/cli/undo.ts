/**
 * `npm run undo -- UPLOAD_ID [--lang de|en]`: restores the rows one upload touched, or says why it cannot.
 * It prints no data: its success, like its refusal, is a message on stderr.
 */
import { parseArgs } from 'node:util';
import { undoUpload } from '$lib/server/ingest/undo';
import { logUndo } from '$lib/server/log';
import { exit, inLang, openAppDatabase, run, say, useLang, type Lang } from './common';

const USAGE = 'Usage: npm run undo -- UPLOAD_ID [--lang de|en]';

function readOptions(args: string[]): { id: number; lang: Lang } {
	try {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: { lang: { type: 'string' } }
		});
		const lang = useLang(values.lang, USAGE);
		if (positionals.length !== 1 || !/^\d+$/.test(positionals[0])) {
			exit(
				`${inLang(lang)('Bitte nennen Sie eine Upload-Nummer (eine ganze Zahl).', 'Name one upload id (a whole number).')} ${USAGE}`
			);
		}
		return { id: Number(positionals[0]), lang };
	} catch (e) {
		exit(`${(e as Error).message}. ${USAGE}`);
	}
}

run(async () => {
	const { id, lang } = readOptions(process.argv.slice(2));
	const t = inLang(lang);
	const db = await openAppDatabase();
	try {
		const result = await undoUpload(db, id, lang);
		if (!result.ok) exit(result.message, 1);
		logUndo(id, result.restored, null, 'cli');
		say(
			t(
				`Upload ${id} rückgängig gemacht; ${result.restored} Zeilen wiederhergestellt.`,
				`Upload ${id} undone; ${result.restored} rows restored.`
			)
		);
	} finally {
		await db.destroy();
	}
});
