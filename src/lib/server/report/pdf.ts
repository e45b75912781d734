/**
 * A round's reports as PDF files, for `npm run report` and the analysts' batch alike: the production
 * server on a free loopback port over a copy of the database, each report opened with a one-shot
 * token (no password anywhere) and printed by Debian's Chromium through playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { m } from '$lib/paraglide/messages';
import { createReportToken, TOKEN_PARAM } from '$lib/server/auth/reportToken';
import { openDatabase } from '$lib/server/db';
import { backupDatabase } from '$lib/server/db/backup';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const buildDir = () => resolve(process.env.BUILD_DIR || 'build');

export interface PdfJob {
	/** The report page's query, e.g. `jc=05754`; empty for the round report. */
	query: string;
	file: string;
	/** The running header on every page. */
	header: string;
}

/** One PDF per participant, named as `--all` has always named them. */
export function participantJobs(
	round: { id: number; name: string; participants: { code: string; name: string }[] },
	folder: string
): PdfJob[] {
	return round.participants.map((p) => ({
		query: `jc=${encodeURIComponent(p.code)}`,
		file: join(folder, `runde-${round.id}-${p.code}.pdf`),
		header: `${round.name} · ${p.name}`
	}));
}

/**
 * Why the reports cannot be printed here, as a sentence that says what to install or run; or null.
 * In the request's language on the web, in the language of `--lang` in `npm run report`.
 */
export function missingTools(): string | null {
	if (!existsSync(CHROMIUM)) return m.pdf_chromium_missing({ path: CHROMIUM });
	if (!existsSync(join(buildDir(), 'index.js'))) return m.pdf_build_missing({ dir: buildDir() });
	return null;
}

function freePort(): Promise<number> {
	return new Promise((done) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => done(port));
		});
	});
}

async function startServer(databasePath: string) {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [buildDir()], {
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

/** Prints the jobs in order; `onFile` hears of each file once it is written. */
export async function printReports(
	databasePath: string,
	roundId: number,
	jobs: PdfJob[],
	onFile: (job: PdfJob, done: number) => void = () => {}
): Promise<void> {
	// A copy, so that a running server keeps its database to itself and nothing is written to the real one.
	const work = mkdtempSync(join(tmpdir(), 'benchlearn-report-'));
	let server: { origin: string; child: ChildProcess } | null = null;
	const { chromium } = await import('playwright-core');
	let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
	try {
		const copy = join(work, 'copy.db');
		await backupDatabase(databasePath, copy);
		const tokens = openDatabase(copy);
		const withTokens = [];
		for (const job of jobs)
			withTokens.push({ ...job, token: await createReportToken(tokens, roundId, 5 * 60_000) });
		await tokens.destroy();

		server = await startServer(copy);
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: ['--no-sandbox', '--disable-gpu']
		});
		const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
		for (const [index, job] of withTokens.entries()) {
			const page = await context.newPage();
			const query = [job.query, 'druck=pdf', `${TOKEN_PARAM}=${job.token}`]
				.filter(Boolean)
				.join('&');
			const response = await page.goto(`${server.origin}/runden/${roundId}/bericht?${query}`, {
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
			onFile(job, index + 1);
		}
	} finally {
		await browser?.close();
		if (server) {
			const child = server.child;
			await new Promise<void>((done) => {
				if (child.exitCode !== null) return done();
				child.on('exit', () => done());
				child.kill('SIGTERM');
			});
		}
		rmSync(work, { recursive: true, force: true });
	}
}
