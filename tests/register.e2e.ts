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

test('odd register URLs are clamped or ignored; malformed ones get a 400 that says what to change', async ({
	page
}) => {
	await signIn(page, 'analyst');
	const total = activeJobcenters();
	for (const query of ['seite=abc', 'seite=-1']) {
		const response = await page.goto(`/?${query}`);
		expect(response?.status(), query).toBe(400);
		await expect(
			page.getByText(/ist keine gültige Zahl\. Bitte geben Sie eine ganze Zahl von 1 bis/)
		).toBeVisible();
	}
	for (const [query, range] of [
		['seite=999', `Jobcenter 51–${total} von ${total}`],
		['land=XX&ring=unbekannt', `Jobcenter 1–50 von ${total}`],
		['suche=%25', `Jobcenter 1–50 von ${total}`]
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

/** The codes of the register page's list by code, deactivated jobcenters included. */
function codesByCode(offset: number): string[] {
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	const rows = sqlite
		.prepare('select code from jobcenter order by code limit 50 offset ?')
		.all(offset) as { code: string }[];
	sqlite.close();
	return rows.map((r) => r.code);
}

test('the register page lists 50 at a time, searches, and keeps filter and page through its forms', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, 'analyst');
	await page.goto('/jobcenter');
	const table = page.getByRole('table', { name: /nach Kennung sortiert/ });
	const codes = () => table.locator('tbody td:first-child').allInnerTexts();
	const pages = page.getByRole('navigation', { name: 'Seiten der Jobcenter-Liste' });
	const all = codesByCode(0).length + codesByCode(50).length;
	expect(all).toBeGreaterThan(50);

	await expect(page.getByText(`Jobcenter 1–50 von ${all}`, { exact: true })).toBeVisible();
	expect(await codes()).toEqual(codesByCode(0));
	await pages.getByRole('link', { name: 'Nächste Seite' }).click();
	await expect(page).toHaveURL(/\/jobcenter\?seite=2#verzeichnis$/);
	expect(await codes()).toEqual(codesByCode(50));
	await expect(pages.getByRole('link', { name: 'Seite 2' })).toHaveAttribute(
		'aria-current',
		'page'
	);

	// Editing from page 2 and saving unchanged returns to page 2; so does cancelling.
	const last = codesByCode(50).at(-1)!;
	const row = table.getByRole('row', { name: new RegExp(last) });
	await row.getByRole('link', { name: /Bearbeiten/ }).click();
	await expect(page).toHaveURL(new RegExp(`/jobcenter\\?seite=2&bearbeiten=${last}#edit-heading$`));
	await page.getByRole('link', { name: 'Bearbeiten abbrechen' }).click();
	await expect(page).toHaveURL(/\/jobcenter\?seite=2#verzeichnis$/);
	await row.getByRole('link', { name: /Bearbeiten/ }).click();
	await page.getByRole('button', { name: 'Änderungen speichern' }).click();
	await expect(page).toHaveURL(new RegExp(`/jobcenter\\?seite=2&gespeichert=${last}$`));
	await expect(page.getByText(`Jobcenter ${last} wurde gespeichert.`)).toBeVisible();
	expect(await codes()).toEqual(codesByCode(50));

	// Deactivating and reactivating, without JavaScript, stays on page 2.
	await row.getByRole('button', { name: /Deaktivieren/ }).click();
	await expect(page.getByText(`Jobcenter ${last} ist deaktiviert`)).toBeVisible();
	await expect(row).toContainText('deaktiviert');
	await expect(pages.getByRole('link', { name: 'Seite 2' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await row.getByRole('button', { name: /Reaktivieren/ }).click();
	await expect(page.getByText(`Jobcenter ${last} ist wieder aktiv.`)).toBeVisible();
	expect(await codes()).toEqual(codesByCode(50));

	// Search and Land, by code order.
	const filter = page.getByRole('search', { name: 'Jobcenter filtern' });
	await filter.getByLabel('Jobcenter suchen').fill('KREIS');
	await filter.getByLabel('Land').selectOption({ label: 'Nordrhein-Westfalen' });
	await filter.getByRole('button', { name: 'Filtern' }).click();
	await expect(page).toHaveURL(/\/jobcenter\?suche=KREIS&land=NW&ring=#verzeichnis$/);
	expect(await codes()).toEqual(['05158', '05558', '05754', '05958', '05970']);
	await expect(page.getByText(`Jobcenter 1–5 von 5 gefundenen (insgesamt ${all})`)).toBeVisible();
	await expect(pages).toHaveCount(0);
	await expect(
		table.getByRole('row', { name: /05754/ }).getByRole('link', { name: /Bearbeiten/ })
	).toHaveAttribute('href', '?suche=KREIS&land=NW&bearbeiten=05754#edit-heading');
	await page.screenshot({
		path: 'test-results/screenshots/register-admin-search.png',
		fullPage: true
	});

	// A saved jobcenter the filter hides is one link away.
	await page.goto('/jobcenter?land=NW&gespeichert=01002');
	await expect(page.getByText('Jobcenter 01002 wurde gespeichert.')).toBeVisible();
	await page.getByRole('link', { name: 'Zeigen Sie es in der Liste.' }).click();
	expect(await codes()).toEqual(['01002']);
	await context.close();
});

test('odd register page URLs are clamped or ignored, never an error', async ({ page }) => {
	await signIn(page, 'analyst');
	const response = await page.goto(
		'/jobcenter?seite=999&land=XX&ring=unbekannt&suche=&bearbeiten=nein&gespeichert=%3Cb%3E'
	);
	expect(response?.status()).toBe(200);
	const last = codesByCode(50);
	await expect(page.getByText(new RegExp(`^Jobcenter 51–${50 + last.length} von `))).toBeVisible();
	await expect(page.getByRole('heading', { name: /bearbeiten$/ })).toHaveCount(0);
	await expect(page.getByText(/wurde gespeichert/)).toHaveCount(0);
	await page.screenshot({
		path: 'test-results/screenshots/register-admin-clamped.png',
		fullPage: true
	});
});
