/** The round matrix: an analyst's entry into a round, sortable without JavaScript, with a pseudonymised handout that prints. */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { decodeHTML } from 'entities';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { KPIS } from '../src/lib/server/kpi/catalogue';
import { ensureClosedReportRound, REPORT_RING } from './reportRound';
import { signIn } from './session';

const ROUND = 'Matrixrunde 2026';
const OWN = { code: '05754', name: 'Jobcenter Kreis Gütersloh' };
/** The table on screen; the named version also holds one table per area for paper, hidden here. */
const onScreen = (page: Page) => page.locator('table.matrix').first();
const shot = (page: Page, name: string) =>
	page.screenshot({ path: `test-results/screenshots/matrix-${name}.png`, fullPage: true });

test.describe.configure({ mode: 'serial', timeout: 120_000 });

function register() {
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	const all = sqlite.prepare('select code, name, ring from jobcenter').all() as {
		code: string;
		name: string;
		ring: string | null;
	}[];
	sqlite.close();
	return all;
}

/** `npm run kpi -- --jobcenter CODE --round ID --json` against the e2e database. */
function kpiCli(code: string, round: number) {
	const out = execFileSync(
		'npx',
		['tsx', 'src/cli/kpi.ts', '--jobcenter', code, '--round', String(round), '--json'],
		{ env: { ...process.env, DATABASE_PATH: process.env.E2E_DB, BENCHLEARN_TODAY: '2026-11-15' } }
	);
	return JSON.parse(out.toString()) as {
		kpis: { id: string; value: number | null; quartile: number | null; suppressed: boolean }[];
	};
}

/** Whole tokens, as in the leak test: a code never matches inside a number. */
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

/** "1.234,5 %", "2 Tage" or "–" as a number for comparing the order (days as 24 hours). */
function parseCell(text: string): number | null {
	const match = text.match(/^(-?[\d.]+(?:,\d+)?)\s*(Tage?|Std\.)?/);
	if (!match) return null;
	const n = Number(match[1].replace(/\./g, '').replace(',', '.'));
	return match[2]?.startsWith('Tag') ? n * 24 : n;
}

async function columnValues(page: Page, index: number): Promise<(number | null)[]> {
	const cells = await onScreen(page)
		.locator('tbody tr')
		.evaluateAll(
			(rows, i) => rows.map((r) => r.querySelectorAll('td')[i]?.textContent?.trim() ?? ''),
			index
		);
	return cells.map(parseCell);
}

/** WCAG contrast of an element's text against its own (opaque) background, as the browser paints both. */
function contrastOf(element: Locator): Promise<number> {
	return element.evaluate((el) => {
		const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
		const rgb = (css: string) => {
			canvas.clearRect(0, 0, 1, 1);
			canvas.fillStyle = css;
			canvas.fillRect(0, 0, 1, 1);
			return [...canvas.getImageData(0, 0, 1, 1).data].slice(0, 3);
		};
		const luminance = (c: number[]) => {
			const [r, g, b] = c.map((v) => {
				const s = v / 255;
				return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
			});
			return 0.2126 * r + 0.7152 * g + 0.0722 * b;
		};
		const style = getComputedStyle(el);
		const [hi, lo] = [luminance(rgb(style.color)), luminance(rgb(style.backgroundColor))].sort(
			(a, b) => b - a
		);
		return (hi + 0.05) / (lo + 0.05);
	});
}

async function axe(page: Page): Promise<string[]> {
	const result = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${page.url()}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

let roundId: number;
const members = () => register().filter((j) => j.ring === REPORT_RING);

test('an analyst creates a round and enters it through the matrix, whose quartiles match npm run kpi', async ({
	page
}) => {
	await signIn(page, 'analyst');
	await page.goto('/runden');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Name der Runde').fill(ROUND);
	await page.getByLabel('Erster Monat').fill('2026-01');
	await page.getByLabel('Letzter Monat').fill('2026-06');
	await page.getByLabel('Vergleichsring').selectOption(REPORT_RING);
	const answered = page.waitForResponse((r) => r.url().includes('/create'));
	await page.getByRole('button', { name: 'Runde anlegen' }).click();
	await answered;
	await expect(page.getByRole('status')).toContainText(`Die Runde „${ROUND}“ ist gespeichert.`);

	await page
		.getByRole('row', { name: new RegExp(ROUND) })
		.getByRole('link', { name: ROUND, exact: true })
		.click();
	await expect(page).toHaveURL(/\/runden\/\d+\/matrix$/);
	roundId = Number(page.url().match(/runden\/(\d+)/)![1]);
	await expect(page.getByRole('heading', { level: 1, name: ROUND })).toBeVisible();
	await expect(page.getByText('Rundenübersicht (intern, mit Namen)')).toBeVisible();
	await expect(onScreen(page).locator('tbody tr')).toHaveCount(members().length);
	await expect(onScreen(page).locator('thead th[scope=col].kpi')).toHaveCount(KPIS.length);
	await expect(page.getByRole('columnheader', { name: /^Follower Anzahl/ })).toHaveCount(1);
	await shot(page, 'named');

	// Every cell of the demo jobcenter's row: the quartile `npm run kpi` computes, and no other.
	const expected = kpiCli(OWN.code, roundId);
	const cells = page.getByRole('row', { name: new RegExp(OWN.name) }).getByRole('cell');
	await expect(cells).toHaveCount(KPIS.length);
	for (const [i, k] of expected.kpis.entries()) {
		const text = (await cells.nth(i).textContent())!.trim();
		expect(k.id).toBe(KPIS[i].id);
		if (k.quartile === null) expect(text, k.id).not.toMatch(/Q\d/);
		else expect(text, k.id).toMatch(new RegExp(`Q${k.quartile}$`));
		expect(text === '–', k.id).toBe(k.value === null);
		if (k.quartile !== null)
			await expect(cells.nth(i)).toHaveClass(new RegExp(`quartile-tint-${k.quartile}`));
	}
	expect(expected.kpis.some((k) => k.quartile !== null)).toBe(true);
	// The row's name leads to that participant's own report.
	await expect(page.getByRole('link', { name: OWN.name })).toHaveAttribute(
		'href',
		`/runden/${roundId}/bericht?jc=${OWN.code}`
	);
});

test('sorting by a KPI: the better values first, then the other way; aria-sort says which', async ({
	page
}) => {
	await signIn(page, 'analyst');
	await page.goto(`/runden/${roundId}/matrix`);
	await expect(page.getByRole('columnheader', { name: /^Jobcenter/ })).toHaveAttribute(
		'aria-sort',
		'ascending'
	);
	const rate = KPIS.findIndex((k) => k.id === 'engagement_rate_pct');
	const header = onScreen(page).locator('thead th.kpi').nth(rate);
	await header.getByRole('link', { name: 'Interaktionsrate' }).click();
	await expect(page).toHaveURL(/sortierung=engagement_rate_pct&richtung=ab/);
	await expect(header).toHaveAttribute('aria-sort', 'descending');
	const down = await columnValues(page, rate);
	expect(down.filter((v) => v !== null)).toEqual(
		[...down.filter((v) => v !== null)].sort((a, b) => b! - a!)
	);
	await expect(onScreen(page).locator('caption')).toHaveText(
		'Teilnehmende × Kennzahlen, sortiert nach Interaktionsrate, absteigend'
	);
	await shot(page, 'sorted');
	await header.getByRole('link', { name: 'Interaktionsrate' }).click();
	await expect(header).toHaveAttribute('aria-sort', 'ascending');
	const present = (list: (number | null)[]) => list.filter((v) => v !== null);
	const up = await columnValues(page, rate);
	expect(present(up)).toEqual([...present(down)].reverse());
	// Rows without a value stay last either way.
	expect(up.slice(present(up).length).every((v) => v === null)).toBe(true);

	// Lower is better for the answer time, so its first click puts the fastest first.
	const answer = KPIS.findIndex((k) => k.id === 'response_hours');
	await onScreen(page).locator('thead th.kpi').nth(answer).getByRole('link').click();
	await expect(onScreen(page).locator('thead th.kpi').nth(answer)).toHaveAttribute(
		'aria-sort',
		'ascending'
	);
	const hours = (await columnValues(page, answer)).filter((v) => v !== null);
	expect(hours).toEqual([...hours].sort((a, b) => a! - b!));

	// A column that is none is a 400 with a sentence, not a silently ignored parameter.
	const bad = await page.goto(`/runden/${roundId}/matrix?sortierung=follower`);
	expect(bad?.status()).toBe(400);
	await expect(page.getByText('„follower“ ist keine Spalte dieser Übersicht.')).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the sort links work, since the server sorts', async ({ page }) => {
		await signIn(page, 'analyst');
		await page.goto(`/runden/${roundId}/matrix`);
		const followers = KPIS.findIndex((k) => k.id === 'followers_per_1000_elb');
		const header = onScreen(page).locator('thead th.kpi').nth(followers);
		await header.getByRole('link').click();
		await expect(header).toHaveAttribute('aria-sort', 'descending');
		const values = (await columnValues(page, followers)).filter((v) => v !== null);
		expect(values.length).toBeGreaterThan(3);
		expect(values).toEqual([...values].sort((a, b) => b! - a!));
		await shot(page, 'no-javascript');
	});
});

test('the handout version shows pseudonyms only, leaves out raw counts and prints in landscape', async ({
	page
}) => {
	await signIn(page, 'analyst');
	await page.goto(`/runden/${roundId}/matrix`);
	await page.getByRole('link', { name: 'Fassung für die Teilnehmenden (Pseudonyme)' }).click();
	await expect(page.getByText('Rundenübersicht für die Teilnehmenden')).toBeVisible();
	await expect(page.getByRole('rowheader', { name: 'Jobcenter A', exact: true })).toBeVisible();
	await expect(onScreen(page).locator('tbody tr')).toHaveCount(members().length);
	await expect(page.getByRole('columnheader', { name: /^Follower Anzahl/ })).toHaveCount(0);
	await expect(page.getByText(/Absolute Zahlen zeigt diese Fassung nicht/)).toContainText(
		'Follower'
	);
	await shot(page, 'handout');

	const forbidden = register().flatMap((j) => [j.code, j.name]);
	for (const url of [
		`/runden/${roundId}/matrix?fassung=teilnehmende`,
		`/runden/${roundId}/matrix/__data.json?fassung=teilnehmende`,
		`/runden/${roundId}/matrix/__data.json?fassung=teilnehmende&sortierung=followers_per_1000_elb`
	]) {
		const body = await (await page.request.get(url)).text();
		expect(body.length, url).toBeGreaterThan(500);
		expect(leaks(body, forbidden), url).toEqual([]);
	}

	// Sorting keeps the version.
	await onScreen(page).locator('thead th.kpi').first().getByRole('link').click();
	await expect(page).toHaveURL(/fassung=teilnehmende/);
	await expect(onScreen(page).locator('thead th.kpi').first()).toHaveAttribute(
		'aria-sort',
		'descending'
	);

	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: 'Drucken oder als PDF speichern' })).toBeHidden();
	await shot(page, 'handout-print');
	mkdirSync('test-results/pdf', { recursive: true });
	const file = 'test-results/pdf/matrix-teilnehmende.pdf';
	await page.pdf({ path: file, printBackground: true, preferCSSPageSize: true });
	const info = execFileSync('pdfinfo', [file]).toString();
	const [width, height] = info
		.match(/Page size:\s+([\d.]+) x ([\d.]+)/)!
		.slice(1)
		.map(Number);
	expect(width).toBeGreaterThan(height);
	const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
	for (const part of [ROUND, 'Jobcenter A', 'Median der Runde', 'Q1', 'Q4']) {
		expect(text, part).toContain(part);
	}
	expect(text).not.toContain('Abmelden');
	expect(leaks(text, forbidden)).toEqual([]);
	execFileSync('pdftoppm', [
		...['-png', '-r', '60', '-f', '1', '-l', '1', file],
		'test-results/screenshots/matrix-handout-pdf'
	]);
});

test('the matrix downloads as CSV and XLSX with what the page shows; the handout file names no one', async ({
	page
}) => {
	await signIn(page, 'analyst');
	await page.goto(`/runden/${roundId}/matrix?sortierung=name`);
	const csvHref = await page.getByRole('link', { name: 'CSV für Excel' }).getAttribute('href');
	expect(csvHref).toBe(`/runden/${roundId}/matrix/export?sortierung=name&format=csv`);
	const response = await page.request.get(csvHref!);
	expect(response.status()).toBe(200);
	const text = (await response.body()).toString('utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const [head, ...rows] = parse(text.slice(1), { delimiter: ';' }) as string[][];
	expect(head.slice(0, 2)).toEqual(['Jobcenter', 'Kennung']);
	// A value and a quartile per KPI; a row per participant in the page's order, then the median.
	expect(head).toHaveLength(2 + 2 * KPIS.length);
	expect(head).toContain('Follower (Anzahl)');
	expect(rows).toHaveLength(members().length + 1);
	const names = await onScreen(page).locator('tbody th[scope=row]').allTextContents();
	// On screen the row header holds the name and the Kennung.
	expect(rows.slice(0, -1).map((r) => `${r[0]} ${r[1]}`)).toEqual(
		names.map((n) => n.replace(/\s+/g, ' ').trim())
	);
	expect(rows.at(-1)![0]).toBe('Median der Runde');
	const own = rows.find((r) => r[1] === OWN.code)!;
	expect(own[0]).toBe(OWN.name);
	for (const [i, k] of kpiCli(OWN.code, roundId).kpis.entries()) {
		expect(own[3 + 2 * i], k.id).toBe(k.quartile === null ? '' : `Q${k.quartile}`);
		expect(own[2 + 2 * i] === '', k.id).toBe(k.value === null);
	}

	await page.goto(`/runden/${roundId}/matrix?fassung=teilnehmende`);
	const xlsxHref = await page
		.getByRole('link', { name: 'Excel-Arbeitsmappe (XLSX)' })
		.getAttribute('href');
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(
		(await (await page.request.get(xlsxHref!)).body()) as unknown as ArrayBuffer
	);
	const sheet = book.worksheets[0];
	const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
	expect(header[0]).toBe('Jobcenter');
	expect(header).not.toContain('Kennung');
	// Raw counts stay out of the handout's file as out of its page.
	expect(header).not.toContain('Follower (Anzahl)');
	const cells: string[] = [];
	sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
	expect(cells).toContain('Jobcenter A');
	expect(
		leaks(
			cells.join(' '),
			register().flatMap((j) => [j.code, j.name])
		)
	).toEqual([]);
	await shot(page, 'export-links');
});

test('the demo round marks each change against its predecessor as the participant’s report states it', async ({
	page
}) => {
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	const { id } = sqlite
		.prepare(`select id from round where name = 'Optionskommunen 2026'`)
		.get() as {
		id: number;
	};
	sqlite.close();
	await signIn(page, 'analyst');
	await page.goto(`/runden/${id}/bericht?jc=${OWN.code}`);
	const reportRows = page.locator('table.changes tbody tr');
	await expect(reportRows).toHaveCount(KPIS.length);
	const stated: { direction: string; judgement: string }[] = [];
	for (let i = 0; i < KPIS.length; i++) {
		const cells = reportRows.nth(i).getByRole('cell');
		const change = (await cells.nth(2).textContent())!.replace(/[▲▼●]/, '');
		stated.push({
			direction: change.split(':')[0].trim(),
			judgement: (await cells.nth(3).textContent())!.trim()
		});
	}
	expect(stated.some((s) => s.judgement === 'besser' || s.judgement === 'schlechter')).toBe(true);

	await page.goto(`/runden/${id}/matrix?sortierung=name`);
	await expect(
		page.getByText(/Veränderung gegenüber der Vorrunde „Optionskommunen 2025“/)
	).toBeVisible();
	const cells = page.getByRole('row', { name: new RegExp(OWN.name) }).getByRole('cell');
	await expect(cells).toHaveCount(KPIS.length);
	for (const [i, s] of stated.entries()) {
		const text = (await cells.nth(i).textContent())!;
		if (s.direction === 'kein Vergleich möglich')
			expect(text, KPIS[i].id).not.toContain('Vorrunde');
		else
			expect(text, KPIS[i].id).toContain(`gegenüber der Vorrunde ${s.direction}, ${s.judgement}`);
	}
	await shot(page, 'changes');

	// The download says the same in words: value, quartile and change per KPI.
	const csv = await page.request.get(`/runden/${id}/matrix/export?format=csv`);
	const [head, ...rows] = parse((await csv.body()).toString('utf8').slice(1), {
		delimiter: ';'
	}) as string[][];
	expect(head).toHaveLength(2 + 3 * KPIS.length);
	expect(head[4]).toBe(`Veränderung zur Vorrunde: ${KPIS[0].label.de}`);
	const own = rows.find((r) => r[1] === OWN.code)!;
	for (const [i, s] of stated.entries()) {
		const expected =
			s.direction === 'kein Vergleich möglich' ? '' : `${s.direction}, ${s.judgement}`;
		expect(own[4 + 3 * i], KPIS[i].id).toBe(expected);
	}
});

test('the named version prints one table per area; a closed round shows its frozen figures', async ({
	page
}) => {
	await signIn(page, 'analyst');
	const closed = ensureClosedReportRound();
	await page.goto(`/runden/${closed}/matrix`);
	await expect(
		page.getByText(/Runde abgeschlossen, die Zahlen ändern sich nicht mehr/)
	).toBeVisible();
	await expect(page.locator('table.matrix:visible')).toHaveCount(1);
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('table.matrix:visible')).toHaveCount(3);
	await shot(page, 'named-print');
});

test('the round page and the round list lead analysts to the matrix; jobcenter users get 403', async ({
	page
}) => {
	await signIn(page, 'analyst');
	await page.goto(`/runden/${roundId}`);
	await page.getByRole('link', { name: 'Zur Rundenübersicht' }).click();
	await expect(page).toHaveURL(new RegExp(`/runden/${roundId}/matrix$`));

	await page.context().clearCookies();
	await signIn(page, 'jobcenter');
	await page.goto(`/runden/${roundId}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Datenlieferungen' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Zur Rundenübersicht' })).toHaveCount(0);
	for (const url of [
		`/runden/${roundId}/matrix`,
		`/runden/${roundId}/matrix?fassung=teilnehmende`,
		'/runden/2000000000/matrix'
	]) {
		const response = await page.goto(url);
		expect(response?.status(), url).toBe(403);
	}
	await expect(page.getByText('Sie haben keine Berechtigung für diese Seite.')).toBeVisible();
	await shot(page, 'jobcenter-403');
});

for (const scheme of ['light', 'dark'] as const) {
	test.describe(`${scheme} scheme`, () => {
		test.use({ colorScheme: scheme });

		test(`axe finds nothing serious, and the darkest tint keeps its text readable (${scheme})`, async ({
			page
		}) => {
			await signIn(page, 'analyst');
			const violations: string[] = [];
			for (const query of ['', '?fassung=teilnehmende&sortierung=engagement_rate_pct']) {
				await page.goto(`/runden/${roundId}/matrix${query}`);
				violations.push(...(await axe(page)));
			}
			expect(violations).toEqual([]);
			const darkest = onScreen(page).locator('td.quartile-tint-4').first();
			const lightest = onScreen(page).locator('td.quartile-tint-1').first();
			expect(await contrastOf(darkest)).toBeGreaterThanOrEqual(4.5);
			expect(await contrastOf(lightest)).toBeGreaterThanOrEqual(4.5);
			await shot(page, `handout-${scheme}`);
		});
	});
}
