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
import { exit, inLang, openAppDatabase, run, say, useLang } from './common';

const USAGE =
	'Usage: npm run report -- --round ID [--jobcenter CODE | --all] [--handout] --out FILE.pdf (with --all: --out FOLDER) [--lang de|en]';

function readOptions() {
	try {
		return parseArgs({
			options: {
				round: { type: 'string' },
				jobcenter: { type: 'string' },
				all: { type: 'boolean', default: false },
				handout: { type: 'boolean', default: false },
				out: { type: 'string' },
				lang: { type: 'string' }
			}
		}).values;
	} catch (e) {
		exit(`${(e as Error).message}\n${USAGE}`);
	}
}

run(async () => {
	const options = readOptions();
	const lang = useLang(options.lang, USAGE);
	const t = inLang(lang);
	if (!options.round || !/^\d+$/.test(options.round) || !options.out) exit(USAGE);
	if (options.all && options.jobcenter)
		exit(
			`${t('--all und --jobcenter schließen sich aus.', '--all and --jobcenter exclude each other.')}\n${USAGE}`
		);
	const missing = missingTools();
	if (missing) exit(missing);

	const roundId = Number(options.round);
	const db = await openAppDatabase();
	let jobs: PdfJob[];
	let roundName: string;
	try {
		const round = await getRound(db, roundId);
		if (!round)
			exit(
				t(
					`Die Runde ${roundId} gibt es nicht. Die Runden zeigt: npm run round -- list`,
					`There is no round ${roundId}. npm run round -- list shows the rounds.`
				)
			);
		roundName = round.name;
		const out = resolve(options.out);
		if (options.all) {
			mkdirSync(out, { recursive: true });
			if (!statSync(out).isDirectory())
				exit(t(`${out} ist kein Ordner.`, `${out} is not a folder.`));
			jobs = participantJobs(round, out);
		} else if (options.jobcenter) {
			const p = round.participants.find((p) => p.code === options.jobcenter);
			if (!p)
				exit(
					t(
						`Das Jobcenter ${options.jobcenter} nimmt an der Runde ${roundId} nicht teil.`,
						`Jobcenter ${options.jobcenter} does not take part in round ${roundId}.`
					)
				);
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
		say(t(`${job.file} geschrieben.`, `${job.file} written.`))
	);
	log.info(
		{ event: 'report', roundId, files: jobs.length, handout: !!options.handout },
		'report run'
	);
	say(
		t(
			`Fertig: ${jobs.length} PDF-Datei${jobs.length === 1 ? '' : 'en'} der Runde „${roundName}“.`,
			`Done: ${jobs.length} PDF file${jobs.length === 1 ? '' : 's'} of the round "${roundName}".`
		)
	);
});
