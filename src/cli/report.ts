/**
 * `npm run report -- --round ID [--jobcenter CODE | --all] [--handout] --out FILE.pdf|FOLDER`: the round's
 * reports as PDF. Starts the production server on a free loopback port over a copy of the database, opens
 * each report with a one-shot token (no password anywhere) and prints it with Debian's Chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createReportToken, TOKEN_PARAM } from '$lib/server/auth/reportToken';
import { readConfig } from '$lib/server/config';
import { openDatabase } from '$lib/server/db';
import { backupDatabase } from '$lib/server/db/backup';
import { log } from '$lib/server/log';
import { getRound } from '$lib/server/rounds';
import { exit, openAppDatabase, run, say } from './common';

const USAGE =
	'Aufruf: npm run report -- --round NR [--jobcenter KENNUNG | --all] [--handout] --out DATEI.pdf (bei --all: --out ORDNER)';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

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

interface Job {
	query: string;
	file: string;
	header: string;
}

function freePort(): Promise<number> {
	return new Promise((done) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => done(port));
		});
	});
}

async function startServer(databasePath: string, buildDir: string) {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [buildDir], {
		env: {
			...process.env,
			DATABASE_PATH: databasePath,
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: origin,
			DEMO: '0'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stderr = '';
	child.stderr!.on('data', (d) => (stderr += d));
	await new Promise<void>((ready, fail) => {
		child.stdout!.on('data', (d) => String(d).includes('Listening') && ready());
		child.on('exit', (code) =>
			fail(new Error(`Der Server hat sich beendet (${code}): ${stderr.trim()}`))
		);
	});
	return { origin, child };
}

const escapeHtml = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

run(async () => {
	const options = readOptions();
	if (!options.round || !/^\d+$/.test(options.round) || !options.out) exit(USAGE);
	if (options.all && options.jobcenter) exit(`--all und --jobcenter schließen sich aus.\n${USAGE}`);
	if (!existsSync(CHROMIUM)) {
		exit(
			`Chromium fehlt (${CHROMIUM}). Bitte installieren: apt-get install chromium chromium-l10n – oder CHROMIUM_PATH auf ein Chromium setzen.`
		);
	}
	const buildDir = resolve(process.env.BUILD_DIR || 'build');
	if (!existsSync(join(buildDir, 'index.js')))
		exit(`Der Produktions-Build fehlt (${buildDir}). Bitte zuerst: npm run build`);

	const roundId = Number(options.round);
	const db = await openAppDatabase();
	const jobs: Job[] = [];
	let roundName = '';
	try {
		const round = await getRound(db, roundId);
		if (!round) exit(`Die Runde ${roundId} gibt es nicht. Die Runden zeigt: npm run round -- list`);
		roundName = round.name;
		const out = resolve(options.out);
		const targets = options.all
			? round.participants
			: options.jobcenter
				? round.participants.filter((p) => p.code === options.jobcenter)
				: [];
		if (options.jobcenter && targets.length === 0) {
			exit(`Das Jobcenter ${options.jobcenter} nimmt an der Runde ${roundId} nicht teil.`);
		}
		if (options.all) {
			mkdirSync(out, { recursive: true });
			if (!statSync(out).isDirectory()) exit(`${out} ist kein Ordner.`);
		}
		for (const p of targets) {
			jobs.push({
				query: `jc=${encodeURIComponent(p.code)}`,
				file: options.all ? join(out, `runde-${roundId}-${p.code}.pdf`) : out,
				header: `${round.name} · ${p.name}`
			});
		}
		if (targets.length === 0) {
			jobs.push({
				query: options.handout ? 'fassung=teilnehmende' : '',
				file: out,
				header: round.name
			});
		}
	} finally {
		await db.destroy();
	}

	// A copy, so that a running server keeps its database to itself and nothing is written to the real one.
	const work = mkdtempSync(join(tmpdir(), 'benchlearn-report-'));
	let server: { origin: string; child: ChildProcess } | null = null;
	const { chromium } = await import('playwright-core');
	let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
	try {
		const copy = join(work, 'copy.db');
		await backupDatabase(readConfig().databasePath, copy);
		const tokens = openDatabase(copy);
		const withTokens = [];
		for (const job of jobs)
			withTokens.push({ ...job, token: await createReportToken(tokens, roundId, 5 * 60_000) });
		await tokens.destroy();

		server = await startServer(copy, buildDir);
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: ['--no-sandbox', '--disable-gpu']
		});
		const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
		for (const job of withTokens) {
			const page = await context.newPage();
			const query = [job.query, 'druck=pdf', `${TOKEN_PARAM}=${job.token}`]
				.filter(Boolean)
				.join('&');
			const response = await page.goto(`${server.origin}/rounds/${roundId}/bericht?${query}`, {
				waitUntil: 'networkidle'
			});
			if (response?.status() !== 200)
				throw new Error(`Der Bericht antwortet mit ${response?.status()}: ${job.header}`);
			await page.pdf({
				path: job.file,
				format: 'A4',
				printBackground: true,
				displayHeaderFooter: true,
				headerTemplate: `<div style="font: 8px sans-serif; color: #444; width: 100%; padding: 0 15mm;">Benchlearning-Bericht · ${escapeHtml(job.header)}</div>`,
				footerTemplate:
					'<div style="font: 8px sans-serif; color: #444; width: 100%; padding: 0 15mm; text-align: right;">Seite <span class="pageNumber"></span> von <span class="totalPages"></span></div>',
				margin: { top: '18mm', bottom: '16mm', left: '15mm', right: '15mm' }
			});
			await page.close();
			say(`${job.file} geschrieben.`);
		}
	} finally {
		await browser?.close();
		if (server) {
			const child = server.child;
			await new Promise<void>((done) => {
				child.on('exit', () => done());
				child.kill('SIGTERM');
			});
		}
		rmSync(work, { recursive: true, force: true });
	}
	log.info({ event: 'report', roundId, files: jobs.length, handout: !!options.handout }, 'report run');
	say(`Fertig: ${jobs.length} PDF-Datei${jobs.length === 1 ? '' : 'en'} der Runde „${roundName}“.`);
});
