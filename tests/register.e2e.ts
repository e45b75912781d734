import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './session';

/** How many active jobcenters the register holds now (other tests add some). */
function activeJobcenters(): number {
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	const { n } = sqlite.prepare('select count(*) as n from jobcenter where active = 1').get() as {
		n: number;
	};
	sqlite.close();
	return n;
}

/** The jobcenters' names in the register table, not the month rows of the chart's table. */
const rows = (page: Page) =>
	page.getByRole('table', { name: /Erfasste Jobcenter/ }).locator('tbody th');
const rowNames = (page: Page) => rows(page).allInnerTexts();

test('an analyst searches, filters and pages through the register, all without JavaScript', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, 'analyst');
	const total = activeJobcenters();
	expect(total).toBeGreaterThan(50);

	const pages = page.getByRole('navigation', { name: 'Seiten der Jobcenter-Liste' });
	await expect(page.getByText(`Jobcenter 1–50 von ${total}`, { exact: true })).toBeVisible();
	await expect(rows(page)).toHaveCount(50);
	await expect(pages.getByRole('link', { name: 'Seite 1' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await expect(pages.getByRole('link', { name: 'Vorherige Seite' })).toHaveCount(0);

	await pages.getByRole('link', { name: 'Nächste Seite' }).click();
	await expect(page).toHaveURL(/\/\?seite=2#verzeichnis$/);
	await expect(page.getByText(`Jobcenter 51–${total} von ${total}`, { exact: true })).toBeVisible();
	await expect(rows(page)).toHaveCount(total - 50);
	await expect(pages.getByRole('link', { name: 'Seite 2' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await expect(pages.getByRole('link', { name: 'Seite 1' })).not.toHaveAttribute('aria-current');
	await expect(pages.getByRole('link', { name: 'Nächste Seite' })).toHaveCount(0);
	await page
		.locator('#verzeichnis')
		.screenshot({ path: 'test-results/screenshots/register-page-2.png' });

	// Capitals, a part of a word and a state: „Hochsauerlandkreis“ is found as well as „Kreis …“.
	await page.getByLabel('Jobcenter suchen').fill('KREIS');
	await page.getByLabel('Land', { exact: true }).selectOption({ label: 'Nordrhein-Westfalen' });
	await page.getByRole('button', { name: 'Filtern' }).click();
	await expect(page).toHaveURL(/\/\?suche=KREIS&land=NW&ring=#verzeichnis$/);
	expect(await rowNames(page)).toEqual([
		'Jobcenter Hochsauerlandkreis',
		'Jobcenter Kreis Coesfeld',
		'Jobcenter Kreis Gütersloh',
		'Jobcenter Kreis Mettmann',
		'Jobcenter Kreis Siegen-Wittgenstein'
	]);
	await expect(page.getByText(`Jobcenter 1–5 von 5 gefundenen (insgesamt ${total})`)).toBeVisible();
	await expect(pages).toHaveCount(0);
	await expect(page.getByLabel('Jobcenter suchen')).toHaveValue('KREIS');
	await expect(page.getByLabel('Land', { exact: true })).toHaveValue('NW');
	await expect(page.getByRole('link', { name: 'Jobcenter Kreis Gütersloh' })).toHaveAttribute(
		'href',
		'/?jc=05754'
	);
	await page.getByRole('heading', { name: 'Jobcenter auswählen' }).scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/screenshots/register-search.png', fullPage: true });

	// Jobcenters without a ring, by code.
	await page.getByLabel('Jobcenter suchen').fill('');
	await page.getByLabel('Land', { exact: true }).selectOption('');
	await page.getByLabel('Vergleichsring').selectOption({ label: 'ohne Vergleichsring' });
	await page.getByRole('button', { name: 'Filtern' }).click();
	const withoutRing = await rowNames(page);
	expect(withoutRing).toContain('Jobcenter Lübeck');
	expect(withoutRing).not.toContain('Jobcenter Kiel');

	await page.getByLabel('Jobcenter suchen').fill('gibt es nicht');
	await page.getByRole('button', { name: 'Filtern' }).click();
	await expect(page.getByRole('heading', { name: 'Kein Jobcenter gefunden' })).toBeVisible();
	await expect(page.getByRole('table', { name: /Erfasste Jobcenter/ })).toHaveCount(0);
	await page.screenshot({ path: 'test-results/screenshots/register-empty.png', fullPage: true });
	await page.getByRole('link', { name: 'zeigen Sie alle Jobcenter.' }).click();
	await expect(page.getByText(`Jobcenter 1–50 von ${total}`, { exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Filter zurücksetzen' })).toHaveCount(0);
	await context.close();
});

test('odd register URLs are clamped or ignored, never an error', async ({ page }) => {
	await signIn(page, 'analyst');
	const total = activeJobcenters();
	for (const [query, range] of [
		['seite=999', `Jobcenter 51–${total} von ${total}`],
		['seite=abc&land=XX&ring=unbekannt', `Jobcenter 1–50 von ${total}`],
		['seite=-1&suche=%25', `Jobcenter 1–50 von ${total}`]
	]) {
		const response = await page.goto(`/?${query}`);
		expect(response?.status(), query).toBe(200);
		if (query.includes('suche')) {
			// „%“ is a plain character, not a wildcard: nothing matches.
			await expect(page.getByRole('heading', { name: 'Kein Jobcenter gefunden' })).toBeVisible();
		} else await expect(page.getByText(range, { exact: true })).toBeVisible();
	}
	await page.screenshot({ path: 'test-results/screenshots/register-clamped.png', fullPage: true });
});

test('with JavaScript, the search leads straight to a jobcenter’s dashboard', async ({ page }) => {
	await signIn(page, 'analyst');
	await page.getByLabel('Jobcenter suchen').fill('gütersloh');
	await page.getByRole('button', { name: 'Filtern' }).click();
	await expect(page).toHaveURL(/suche=g%C3%BCtersloh/);
	expect(await rowNames(page)).toEqual(['Jobcenter Kreis Gütersloh']);
	await page.getByRole('link', { name: 'Jobcenter Kreis Gütersloh' }).click();
	await expect(page).toHaveURL(/\/\?jc=05754$/);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Jobcenter Kreis Gütersloh' })
	).toBeVisible();
	await page.screenshot({
		path: 'test-results/screenshots/register-to-dashboard.png',
		fullPage: true
	});
});
