/**
 * `npm run report -- --round ID [--jobcenter CODE | --all] [--handout] --out FILE.pdf|FOLDER`: the round's
 * reports as PDF, printed as `$lib/server/report/pdf.ts` describes.
 */
import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '$lib/server/config';
import { log } from '$lib/server/log';
import { missingTools, participantJobs, printReports, type PdfJob } from '$lib/server/report/pdf';
import { getRound } from '$lib/server/rounds';
import { exit, openAppDatabase, run, say } from './common';

const USAGE =
	'Aufruf: npm run report -- --round NR [--jobcenter KENNUNG | --all] [--handout] --out DATEI.pdf (bei --all: --out ORDNER)';

function readOptions() {
	try {
		return parseArgs({
			options: {
				round: { type: 'string' },
				jobcenter: { type: 'string' },
				all: { type: 'boolean', default: false },
				handout: { type: 'boolean', default: false },
				out: { type: 'string' }
			}
		}).values;
	} catch (e) {
		exit(`${(e as Error).message}\n${USAGE}`);
	}
}

run(async () => {
	const options = readOptions();
	if (!options.round || !/^\d+$/.test(options.round) || !options.out) exit(USAGE);
	if (options.all && options.jobcenter) exit(`--all und --jobcenter schließen sich aus.\n${USAGE}`);
	const missing = missingTools();
	if (missing) exit(missing);

	const roundId = Number(options.round);
	const db = await openAppDatabase();
	let jobs: PdfJob[];
	let roundName: string;
	try {
		const round = await getRound(db, roundId);
		if (!round) exit(`Die Runde ${roundId} gibt es nicht. Die Runden zeigt: npm run round -- list`);
		roundName = round.name;
		const out = resolve(options.out);
		if (options.all) {
			mkdirSync(out, { recursive: true });
			if (!statSync(out).isDirectory()) exit(`${out} ist kein Ordner.`);
			jobs = participantJobs(round, out);
		} else if (options.jobcenter) {
			const p = round.participants.find((p) => p.code === options.jobcenter);
			if (!p) exit(`Das Jobcenter ${options.jobcenter} nimmt an der Runde ${roundId} nicht teil.`);
			jobs = [
				{
					query: `jc=${encodeURIComponent(p.code)}`,
					file: out,
					header: `${round.name} · ${p.name}`
				}
			];
		} else {
			jobs = [
				{ query: options.handout ? 'fassung=teilnehmende' : '', file: out, header: round.name }
			];
		}
	} finally {
		await db.destroy();
	}

	await printReports(readConfig().databasePath, roundId, jobs, (job) =>
		say(`${job.file} geschrieben.`)
	);
	log.info(
		{ event: 'report', roundId, files: jobs.length, handout: !!options.handout },
		'report run'
	);
	say(`Fertig: ${jobs.length} PDF-Datei${jobs.length === 1 ? '' : 'en'} der Runde „${roundName}“.`);
});
