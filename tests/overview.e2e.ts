import { expect, test } from '@playwright/test';
import { signIn } from './session';

test('the overview shows the demo jobcenters and a server-rendered follower chart', async ({
	page
}) => {
	await signIn(page, 'analyst');
	await expect(page).toHaveTitle(/Übersicht/);
	await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(page.getByText('Demo', { exact: true })).toBeVisible();

	// The demo clock is pinned to 15 Nov 2026, so the last complete month is October 2026.
	await expect(page.getByText('Zeitraum: November 2024 bis Oktober 2026')).toBeVisible();

	const chart = page.getByRole('img', { name: /Liniendiagramm der Follower je Kanal/ });
	await expect(chart).toBeVisible();
	expect(await chart.locator('svg path').count()).toBeGreaterThanOrEqual(5);
	await expect(chart).toContainText('Okt. 2026');

	// The register shows its first page of 50; the demo has more jobcenters than that.
	const register = page.getByRole('table', { name: /Erfasste Jobcenter/ });
	await expect(
		register.getByRole('rowheader', { name: 'Jobcenter Kreis Gütersloh' })
	).toBeVisible();
	await expect(register.getByRole('row')).toHaveCount(51);
	await expect(page.getByText(/^Jobcenter 1–50 von \d+$/)).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Seiten der Jobcenter-Liste' })).toBeVisible();

	await page.screenshot({ path: 'test-results/screenshots/overview.png', fullPage: true });
});

test('the chart numbers are one click away as a table with German formatting', async ({ page }) => {
	await signIn(page, 'analyst');
	await page.getByText('Tabelle anzeigen').click();
	const table = page.getByRole('table', { name: /Follower je Kanal/ });
	await expect(table).toBeVisible();
	await expect(table.getByRole('columnheader', { name: 'Facebook' })).toBeVisible();
	await expect(table.getByRole('rowheader', { name: 'Okt. 2026' })).toBeVisible();
	// Follower totals of dozens of jobcenters run into the thousands: German digit grouping with a dot.
	await expect(table.locator('tbody tr').last()).toContainText(/\d{1,3}\.\d{3}/);
	await page.screenshot({ path: 'test-results/screenshots/overview-table.png', fullPage: true });
});

test('the language switch turns the page English and back, without JavaScript', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, 'analyst');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByText('Period: November 2024 to October 2026')).toBeVisible();
	await page.screenshot({ path: 'test-results/screenshots/overview-en.png', fullPage: true });
	await page.getByRole('button', { name: 'Deutsch' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
	await context.close();
});

test('an unknown page answers 404 in German with a way back', async ({ page }) => {
	await signIn(page, 'analyst');
	const response = await page.goto('/gibt-es-nicht');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { name: 'Fehler 404' })).toBeVisible();
	await expect(page.getByText('Diese Seite gibt es nicht.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Zur Übersicht' })).toHaveAttribute('href', '/');
	await page.screenshot({ path: 'test-results/screenshots/error-404.png', fullPage: true });
});
