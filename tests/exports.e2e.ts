/**
 * The exports of the dashboard views: each table as CSV for German Excel and as XLSX, compared with
 * what the page shows the same viewer; the charts as SVG and PNG, titled and with the source line.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { signIn } from './session';

const OWN = { code: '05754', name: 'Jobcenter Kreis Gütersloh' };
const shot = (page: Page, name: string) =>
	page.screenshot({ path: `test-results/screenshots/exports-${name}.png`, fullPage: true });

/** German Excel's CSV: BOM, `;`, CRLF; the rows as text. */
async function csvRows(response: APIResponse): Promise<string[][]> {
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
	expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="benchlearn-/);
	const text = (await response.body()).toString('utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	expect(text).toContain('\r\n');
	return parse(text.slice(1), { delimiter: ';' }) as string[][];
}

async function workbook(response: APIResponse): Promise<ExcelJS.Workbook> {
	expect(response.status()).toBe(200);
	const book = new ExcelJS.Workbook();
	await book.xlsx.load((await response.body()) as unknown as ArrayBuffer);
	return book;
}

/** `1.234,5 %` or `1234,5` as a number; a dash or an empty cell as null. */
const german = (text: string): number | null => {
	const t = text
		.replace(/[^\d,.\-−–]/g, '')
		.replace(/\./g, '')
		.replace(',', '.')
		.replace('−', '-');
	return t === '' || t === '–' ? null : Number(t);
};

/** The export links the page itself offers, as the browser would follow them. */
async function exportLinks(page: Page): Promise<{ csv: string; xlsx: string }> {
	const csv = await page.getByRole('link', { name: 'CSV für Excel' }).getAttribute('href');
	const xlsx = await page
		.getByRole('link', { name: 'Excel-Arbeitsmappe (XLSX)' })
		.getAttribute('href');
	return { csv: csv!, xlsx: xlsx! };
}

test('overview: the CSV and the workbook hold the cards as the jobcenter user sees them, raw peer figures withheld', async ({
	page
}) => {
	await signIn(page, 'jobcenter');
	await page.goto('/?vergleich=all');
	const links = await exportLinks(page);
	expect(links.csv).toBe('/export?vergleich=all&format=csv');
	await shot(page, 'overview-jobcenter');

	const [head, ...rows] = await csvRows(await page.request.get(links.csv));
	expect(head.slice(0, 4)).toEqual(['Bereich', 'Kennzahl', 'Einheit', 'Ihr Wert']);
	const cards = page.locator('article.card');
	expect(rows).toHaveLength(await cards.count());
	const median = head.indexOf('Median');
	for (const card of await cards.all()) {
		const label = (await card.locator('h3').innerText()).trim();
		const row = rows.find((r) => r[1] === label);
		expect(row, label).toBeDefined();
		const shown = await card.locator('p.value').innerText();
		if (/Tag/.test(shown)) continue; // long durations are shown in days, written in hours
		expect(german(row![3]), label).toBe(german(shown));
		// A raw count: the page withholds the group's figures, and so does the file.
		if (await card.getByText('Rohwerte anderer Jobcenter werden nicht gezeigt').count())
			expect(row!.slice(median - 2, median + 2), label).toEqual(['', '', '', '']);
	}
	expect(rows.some((r) => r[median] !== '')).toBe(true);

	const book = await workbook(await page.request.get(links.xlsx));
	expect(book.worksheets.map((s) => s.name)).toEqual(['Übersicht', 'Angaben']);
	const sheet = book.worksheets[0];
	expect(sheet.getCell('D2').type).toBe(ExcelJS.ValueType.Number);
	const about = book.worksheets[1].getColumn(2).values.join(' ');
	expect(about).toContain(`${OWN.name} (${OWN.code})`);
	expect(about).toContain('alle Jobcenter');
});

test('KPI detail: the monthly rows as the page table shows them; analysts get the ranking with names', async ({
	page
}) => {
	await signIn(page, 'jobcenter');
	await page.goto('/kpi/engagement_rate_pct');
	const { csv, xlsx } = await exportLinks(page);
	const [head, ...rows] = await csvRows(await page.request.get(csv));
	expect(head).toEqual(['Monat', 'Ihr Wert', '25 %-Quantil', 'Median', '75 %-Quantil']);
	await page.getByText('Tabelle anzeigen').first().click();
	const table = page.locator('section[aria-labelledby="series-heading"] tbody tr');
	expect(rows).toHaveLength(await table.count());
	for (const [i, row] of rows.entries()) {
		const cells = await table.nth(i).locator('th, td').allInnerTexts();
		expect(row[0]).toBe(cells[0]);
		expect(row.slice(1).map(german)).toEqual(cells.slice(1).map(german));
	}
	const mine = await workbook(await page.request.get(xlsx));
	expect(mine.worksheets.map((s) => s.name)).not.toContain('Rangfolge');
	await shot(page, 'detail-jobcenter');

	await page.context().clearCookies();
	await signIn(page, 'analyst');
	await page.goto(`/kpi/engagement_rate_pct?jc=${OWN.code}`);
	const analyst = await workbook(await page.request.get((await exportLinks(page)).xlsx));
	const ranking = analyst.getWorksheet('Rangfolge')!;
	const names = ranking.getColumn(2).values.slice(2);
	expect(names).toEqual(
		await page.locator('section[aria-labelledby="ranking-heading"] tbody th').allInnerTexts()
	);
	expect(names).toContain(OWN.name);
	expect(ranking.getCell('D2').type).toBe(ExcelJS.ValueType.Number);
});

test('map and channels: own point, median and the unlabelled points; every channel and month', async ({
	page
}) => {
	await signIn(page, 'jobcenter');
	await page.goto('/karte?y=interactions_per_post');
	const [head, own, median, ...points] = await csvRows(
		await page.request.get((await exportLinks(page)).csv)
	);
	await page.getByText('Tabelle anzeigen').click();
	expect(head).toEqual(await page.locator('table thead th').allInnerTexts());
	expect(head[2]).toBe('Interaktionen je Beitrag');
	const table = await page
		.locator('table tbody tr')
		.evaluateAll((rows) =>
			rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent!.trim()))
		);
	expect([own, median].map((r) => [r[0], ...r.slice(1).map(german)])).toEqual(
		table.map((r) => [r[0], ...r.slice(1).map(german)])
	);
	expect(points.length).toBeGreaterThanOrEqual(5);
	expect(new Set(points.map((p) => p[0]))).toEqual(new Set(['Jobcenter der Vergleichsgruppe']));
	await shot(page, 'map-jobcenter');

	await page.goto('/kanaele');
	const [channelHead, ...channelRows] = await csvRows(
		await page.request.get((await exportLinks(page)).csv)
	);
	expect(channelHead.slice(0, 4)).toEqual([
		'Kanal',
		'Monat',
		'Follower am Monatsende',
		'Follower, Median der Vergleichsgruppe'
	]);
	const panels = await page.locator('article.panel h3').allInnerTexts();
	const months = await page.locator('article.panel').first().locator('tbody tr').count();
	expect(channelRows).toHaveLength(panels.length * months);
	expect([...new Set(channelRows.map((r) => r[0]))]).toEqual(panels);
	// Followers are a raw count: no peer median for a jobcenter user.
	expect(channelRows.every((r) => r[3] === '')).toBe(true);
	expect(channelRows.some((r) => r[6] !== '')).toBe(true);
	await shot(page, 'channels-jobcenter');
});

test('a chart downloads as SVG with its title and source line, and as PNG', async ({ page }) => {
	await signIn(page, 'jobcenter');
	await page.goto('/kpi/engagement_rate_pct?vergleich=all');
	await page.waitForLoadState('networkidle');
	const title = 'Interaktionsrate je Monat: Ihr Wert und die Vergleichsgruppe';
	const [svgDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: `SVG: ${title}` }).click()
	]);
	expect(svgDownload.suggestedFilename()).toMatch(
		/^benchlearn-engagement_rate_pct-05754-.*-verlauf\.svg$/
	);
	const svg = readFileSync(await svgDownload.path(), 'utf8');
	expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
	expect(svg).toContain(`>${title}</text>`);
	expect(svg).toMatch(
		/>Quelle: Benchlearn · Jobcenter Kreis Gütersloh · \w+\. \d{4} – \w+\. \d{4} · Vergleichsgruppe: alle Jobcenter<\/text>/
	);
	// The lines, the axis labels and the legend are in the file, with the theme's colours resolved.
	expect(svg).toMatch(/<path[^>]+d="M/);
	expect(svg).toContain('>Median der Vergleichsgruppe</text>');
	expect(svg).not.toContain('var(--');

	const [pngDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: `PNG: ${title}` }).click()
	]);
	const png = readFileSync(await pngDownload.path());
	expect(png.subarray(1, 4).toString()).toBe('PNG');
	// Twice the chart's width on the screen, so that it is sharp on slides.
	expect(png.readUInt32BE(16)).toBeGreaterThan(1000);

	// The map's dots are HTML on the page: in the file they are circles of their own.
	await page.goto('/karte');
	await page.waitForLoadState('networkidle');
	const [mapDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: /^SVG: Aufwand und Wirkung/ }).click()
	]);
	const map = readFileSync(await mapDownload.path(), 'utf8');
	const dots = await page.locator('.scatter .dot').count();
	expect(map.match(/<ellipse /g)?.length).toBeGreaterThanOrEqual(dots);
	expect(map).toContain('Quelle: Benchlearn');

	// The downloaded pictures themselves, for the eye.
	await page.setContent(`<body style="margin:0">${svg}</body>`);
	await page.screenshot({ path: 'test-results/screenshots/exports-chart-svg.png' });
	await page.setContent(`<body style="margin:0">${map}</body>`);
	await page.screenshot({ path: 'test-results/screenshots/exports-map-svg.png', fullPage: true });
});

test('without JavaScript the table exports are links that work, and no chart buttons appear', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/anmelden');
	await page.getByLabel('E-Mail-Adresse').fill('jobcenter@demo.test');
	await page.getByLabel('Passwort').fill('demo-jobcenter');
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await page.waitForURL('/');
	await page.goto('/kanaele');
	await expect(page.getByRole('button', { name: /^SVG/ })).toHaveCount(0);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'CSV für Excel' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^benchlearn-kanaele-05754-.*\.csv$/);
	expect(readFileSync(await download.path(), 'utf8')).toContain('Kanal;Monat;');
	await page.screenshot({
		path: 'test-results/screenshots/exports-channels-nojs.png',
		fullPage: true
	});
	await context.close();
});

test('a wrong format is a 400 that names it', async ({ page }) => {
	await signIn(page, 'jobcenter');
	const response = await page.request.get('/karte/export?format=pdf', {
		headers: { accept: 'text/html' }
	});
	expect(response.status()).toBe(400);
	expect(await response.text()).toContain('Das Format „pdf“ gibt es nicht.');
});
