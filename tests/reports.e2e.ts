import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeHTML } from 'entities';
import ExcelJS from 'exceljs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { tempPath, type Finished } from './processes';
import { ensureReportRound, REPORT_RING } from './reportRound';
import { signIn } from './session';

const OWN = { code: '05754', name: 'Jobcenter Kreis Gütersloh' };
const shot = (page: Page, name: string) =>
	page.screenshot({ path: `test-results/screenshots/report-${name}.png`, fullPage: true });

function register() {
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	const all = sqlite.prepare('select id, code, name, ring from jobcenter').all() as {
		id: number;
		code: string;
		name: string;
		ring: string | null;
	}[];
	sqlite.close();
	return all;
}

/** Whole tokens, digits joined by `.` `,` or `-` kept together, so that a code never matches inside a number. */
function leaks(text: string, forbidden: string[]): string[] {
	const tokens = (s: string) =>
		' ' +
		decodeHTML(s)
			.replace(/(\d)[.,-](?=\d)/g, '$1_')
			.split(/[^\p{L}\p{N}_]+/u)
			.join(' ') +
		' ';
	const haystack = tokens(text);
	return forbidden.filter((f) => haystack.includes(' ' + tokens(f).trim() + ' '));
}

function pdfText(file: string): { pages: number; text: string } {
	const info = execFileSync('pdfinfo', [file]).toString();
	return {
		pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
		text: execFileSync('pdftotext', ['-layout', file, '-']).toString()
	};
}

function pdfScreenshot(file: string, name: string): void {
	execFileSync('pdftoppm', [
		'-png',
		'-r',
		'60',
		'-f',
		'1',
		'-l',
		'2',
		file,
		`test-results/screenshots/report-${name}`
	]);
}

test.describe.configure({ timeout: 180_000 });

/** `npm run report` with up to three minutes, since `--all` prints every participant's report. */
function report(args: string[], env: Record<string, string>): Promise<Finished> {
	return new Promise((resolve) => {
		const child = spawn('npx', ['tsx', 'src/cli/report.ts', ...args], {
			env: { ...process.env, ...env }
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

test('an analyst follows the submissions of a round; a jobcenter user sees only its own row', async ({
	page
}) => {
	const id = ensureReportRound();
	const members = register().filter((j) => j.ring === REPORT_RING);
	await signIn(page, 'analyst');
	await page.goto(`/runden/${id}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Datenlieferungen' })).toBeVisible();
	await expect(page.locator('tr.participant')).toHaveCount(members.length);
	await expect(page.getByLabel('Fehlende und unvollständige Monate je Jobcenter')).toHaveValue(
		new RegExp(`\\(${OWN.code}\\) – `)
	);
	await shot(page, 'submissions-analyst');
	await page.getByRole('link', { name: 'Kanäle einzeln zeigen' }).click();
	await expect(page.locator('tr.channel').first()).toBeVisible();
	await shot(page, 'submissions-channels');

	await page.context().clearCookies();
	await signIn(page, 'jobcenter');
	await page.goto(`/runden/${id}`);
	await expect(page.locator('tr.participant')).toHaveCount(1);
	await expect(page.locator('tr.participant')).toContainText(OWN.name);
	await expect(page.getByText('Erinnerung')).toHaveCount(0);
	await shot(page, 'submissions-jobcenter');
});

test('the jobcenter report prints to PDF with title, summary, the three areas and page numbers', async ({
	page
}) => {
	const id = ensureReportRound();
	await signIn(page, 'jobcenter');
	await page.goto(`/runden/${id}/bericht`);
	expect(new URL(page.url()).searchParams.get('jc')).toBe(OWN.code);
	await expect(page.getByRole('heading', { level: 1, name: OWN.name })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Als PDF speichern' })).toBeVisible();
	await shot(page, 'jobcenter-screen');
	await page.emulateMedia({ media: 'print' });
	await shot(page, 'jobcenter-print');

	mkdirSync('test-results/pdf', { recursive: true });
	const file = 'test-results/pdf/bericht-jobcenter.pdf';
	await page.pdf({ path: file, format: 'A4', printBackground: true });
	pdfScreenshot(file, 'jobcenter-pdf');
	const { pages, text } = pdfText(file);
	expect(pages).toBeGreaterThanOrEqual(8);
	expect(pages).toBeLessThanOrEqual(20);
	for (const part of [
		'BENCHLEARNING-BERICHT',
		OWN.name,
		'E2E-Berichtsrunde',
		'Zusammenfassung',
		'Reichweite',
		'Resonanz',
		'Personalaufwand',
		'Aufwand und Wirkung',
		'Lernpartner',
		'Anhang',
		`Seite 1 von ${pages}`
	]) {
		expect(text, part).toContain(part);
	}
	expect(text).toMatch(
		/liegt Ihr Jobcenter mit [\d.,]+ ?%? im (unteren|oberen|zweiten|dritten) Quartil/
	);
	// No app chrome on paper.
	expect(text).not.toContain('Abmelden');
	// Another jobcenter's report is closed to this user.
	const other = register().find((j) => j.ring === REPORT_RING && j.code !== OWN.code)!;
	expect((await page.request.get(`/runden/${id}/bericht?jc=${other.code}`)).status()).toBe(403);
});

test('the round report names every participant for analysts; the handout version holds no name or code', async ({
	page
}) => {
	const id = ensureReportRound();
	const all = register();
	const members = all.filter((j) => j.ring === REPORT_RING);
	await signIn(page, 'analyst');
	await page.goto(`/runden/${id}/bericht`);
	await expect(page.getByRole('heading', { level: 1, name: 'E2E-Berichtsrunde' })).toBeVisible();
	const named = await page.content();
	for (const m of members) expect(named).toContain(m.name);
	await shot(page, 'round-named');

	await page.getByRole('link', { name: 'Fassung für die Teilnehmenden (Pseudonyme)' }).click();
	await expect(page.getByText('Rundenbericht für die Teilnehmenden')).toBeVisible();
	await expect(page.getByRole('row', { name: /Jobcenter A\b/ }).first()).toBeVisible();
	await shot(page, 'round-handout');
	const forbidden = all.flatMap((j) => [j.code, j.name]);
	for (const url of [
		`/runden/${id}/bericht?fassung=teilnehmende`,
		`/runden/${id}/bericht/__data.json?fassung=teilnehmende`,
		`/runden/${id}/export?format=csv&fassung=teilnehmende`
	]) {
		const body = await (await page.request.get(url)).text();
		expect(body.length, url).toBeGreaterThan(500);
		expect(leaks(body, forbidden), url).toEqual([]);
	}
	await page.emulateMedia({ media: 'print' });
	const file = 'test-results/pdf/bericht-runde-teilnehmende.pdf';
	await page.pdf({ path: file, format: 'A4', printBackground: true });
	pdfScreenshot(file, 'round-handout-pdf');
	expect(leaks(pdfText(file).text, forbidden)).toEqual([]);
});

test('exports: CSV for German Excel and XLSX with numbers; a jobcenter gets only its own figures', async ({
	page
}) => {
	const id = ensureReportRound();
	const others = register().filter((j) => j.code !== OWN.code);
	await signIn(page, 'analyst');
	const csv = await page.request.get(`/runden/${id}/export?format=csv`);
	expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
	const text = (await csv.body()).toString('utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const [head, ...rows] = text
		.slice(1)
		.trim()
		.split('\r\n')
		.map((l) => l.split(';'));
	expect(head.slice(0, 3)).toEqual(['Jobcenter', 'Kennung', 'Follower (Anzahl)']);
	const own = rows.find((r) => r[1] === OWN.code)!;
	expect(own[0]).toBe(OWN.name);
	expect(own[3]).toMatch(/^\d+(,\d+)?$/);

	const xlsx = await page.request.get(`/runden/${id}/export?format=xlsx`);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
	expect(workbook.worksheets.map((s) => s.name)).toEqual([
		'Reichweite',
		'Resonanz',
		'Personalaufwand'
	]);
	const sheet = workbook.worksheets[0];
	expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
	expect(sheet.getCell('C2').type).toBe(ExcelJS.ValueType.Number);

	await page.goto(`/runden/${id}/bericht?jc=${OWN.code}`);
	await shot(page, 'analyst-jobcenter');
	await page.context().clearCookies();
	await signIn(page, 'jobcenter');
	const mine = await (await page.request.get(`/runden/${id}/export?format=csv`)).text();
	expect(mine).toContain('Ihr Wert');
	expect(
		leaks(
			mine,
			others.flatMap((j) => [j.code, j.name])
		)
	).toEqual([]);
	expect(
		(await page.request.get(`/runden/${id}/export?format=csv&jc=${others[0].code}`)).status()
	).toBe(403);
});

test('closing freezes the figures: a later change of the data leaves the report as it was until reopened', async ({
	page
}) => {
	const id = ensureReportRound();
	await signIn(page, 'analyst');
	await page.goto('/runden');
	const row = page.getByRole('row', { name: /^E2E-Berichtsrunde Januar/ });
	await row.getByRole('button', { name: /Abschließen/ }).click();
	await expect(page.getByRole('status')).toContainText(
		'Die Runde „E2E-Berichtsrunde“ ist abgeschlossen.'
	);
	await shot(page, 'round-closed');

	const url = `/runden/${id}/bericht?jc=${OWN.code}`;
	const summary = async () => {
		await page.goto(url);
		return page.locator('#summary').locator('..').innerText();
	};
	const frozen = await summary();
	await expect(page.getByText(/Stand: \d\d\.\d\d\.\d{4} \(Runde abgeschlossen/)).toBeVisible();
	await shot(page, 'jobcenter-closed');
	// The dashboard of the closed round reads the same snapshot.
	const dashboard = async () => {
		await page.goto(`/?jc=${OWN.code}&runde=${id}`);
		return page.locator('main').innerText();
	};
	const frozenDashboard = await dashboard();

	const sqlite = new Database(process.env.E2E_DB!);
	const jc = sqlite.prepare('select id from jobcenter where code = ?').get(OWN.code) as {
		id: number;
	};
	type Row = {
		channel_id: string;
		month: string;
		followers: number | null;
		reactions: number | null;
	};
	const before = sqlite
		.prepare(
			`select channel_id, month, followers, reactions from monthly_metric where jobcenter_id = ? and month between '2026-01' and '2026-06'`
		)
		.all(jc.id) as Row[];
	const set = (r: Row, factor: number) =>
		sqlite
			.prepare(
				'update monthly_metric set followers = ?, reactions = ? where jobcenter_id = ? and channel_id = ? and month = ?'
			)
			.run(
				r.followers && r.followers * factor,
				r.reactions && r.reactions * factor,
				jc.id,
				r.channel_id,
				r.month
			);
	try {
		for (const r of before) set(r, 20);
		expect(await summary()).toBe(frozen);
		expect(await dashboard()).toBe(frozenDashboard);

		await page.goto('/runden');
		await page
			.getByRole('row', { name: /^E2E-Berichtsrunde Januar/ })
			.getByRole('button', { name: /Wieder öffnen/ })
			.click();
		await expect(page.getByRole('status')).toContainText('ist wieder geöffnet');
		const live = await summary();
		expect(live).not.toBe(frozen);
		await expect(page.getByText(/vorläufig/)).toBeVisible();
		expect(await dashboard()).not.toBe(frozenDashboard);
	} finally {
		for (const r of before) set(r, 1);
		sqlite.close();
	}
	await page.goto('/protokoll');
	await expect(page.getByText('Runde wieder geöffnet').first()).toBeVisible();
});

test('npm run report writes the PDFs through a one-shot token, and says what to install without Chromium', async () => {
	const id = ensureReportRound();
	const env = { DATABASE_PATH: process.env.E2E_DB!, BENCHLEARN_TODAY: '2026-11-15' };
	const file = tempPath('bericht.pdf');
	const one = await report(['--round', String(id), '--jobcenter', OWN.code, '--out', file], env);
	expect(one.stderr).toContain('geschrieben');
	expect(one.code).toBe(0);
	const { pages, text } = pdfText(file);
	expect(pages).toBeGreaterThanOrEqual(8);
	for (const part of [
		OWN.name,
		'Zusammenfassung',
		'Reichweite',
		'Resonanz',
		'Personalaufwand',
		`Seite 1 von ${pages}`,
		`Seite ${pages} von ${pages}`
	]) {
		expect(text, part).toContain(part);
	}
	expect(text).not.toContain('Abmelden');
	pdfScreenshot(file, 'cli-jobcenter');

	const folder = tempPath('alle');
	const all = await report(['--round', String(id), '--all', '--out', folder], env);
	expect(all.code).toBe(0);
	const members = register().filter((j) => j.ring === REPORT_RING);
	expect(readdirSync(folder).sort()).toEqual(
		members.map((m) => `runde-${id}-${m.code}.pdf`).sort()
	);
	expect(pdfText(join(folder, `runde-${id}-${members[0].code}.pdf`)).text).toContain(
		members[0].name
	);

	const missing = await report(['--round', String(id), '--out', file], {
		...env,
		CHROMIUM_PATH: '/nicht/da/chromium'
	});
	expect(missing.code).toBe(2);
	expect(missing.stderr).toContain('apt-get install chromium');
	expect((await report(['--round', '999999', '--out', file], env)).code).toBe(2);
});

test('the round pages have no serious or critical accessibility violations', async ({ page }) => {
	const id = ensureReportRound();
	await signIn(page, 'analyst');
	const urls = [
		`/runden`,
		`/runden/${id}`,
		`/runden/${id}?kanaele=1`,
		`/runden/${id}/bericht?jc=${OWN.code}`,
		`/runden/${id}/bericht`,
		`/runden/${id}/bericht?fassung=teilnehmende`
	];
	const violations: string[] = [];
	for (const url of urls) {
		await page.goto(url);
		const result = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
			.analyze();
		for (const v of result.violations.filter(
			(v) => v.impact === 'serious' || v.impact === 'critical'
		)) {
			violations.push(
				`${url}: ${v.id} ${v.nodes
					.map((n) => n.target.join(' '))
					.slice(0, 3)
					.join(', ')}`
			);
		}
	}
	expect(violations).toEqual([]);
	await shot(page, 'a11y-round-handout');
});
