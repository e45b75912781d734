/**
 * The main navigation per role: one line of links and groups; a group opens as a disclosure by mouse,
 * by keyboard and without JavaScript, and the current page is marked inside it.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ensureAdmin, signIn, type Role } from './session';

const TOP: Record<Role, string[]> = {
	jobcenter: [
		'Übersicht',
		'Aufwand und Wirkung',
		'Kanäle',
		'Meine Runden',
		'Daten',
		'Methodik',
		'Mein Konto'
	],
	analyst: [
		'Übersicht',
		'Aufwand und Wirkung',
		'Kanäle',
		'Runden',
		'Daten',
		'Methodik',
		'Protokoll',
		'Mein Konto'
	],
	admin: [
		'Übersicht',
		'Aufwand und Wirkung',
		'Kanäle',
		'Runden',
		'Daten',
		'Methodik',
		'Verwaltung',
		'Mein Konto'
	]
};

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Hauptnavigation' });
const group = (page: Page, name: string) => mainNav(page).locator('summary', { hasText: name });

for (const role of Object.keys(TOP) as Role[]) {
	test(`${role}: the navigation fits on one line and its Daten group opens`, async ({ page }) => {
		if (role === 'admin') ensureAdmin();
		await signIn(page, role);
		const items = mainNav(page).locator('.nav-list > li > a, .nav-list > li > details > summary');
		await expect(items).toHaveText(TOP[role]);
		// One line on a 1280 px screen: every entry starts at the same height.
		const tops = await items.evaluateAll((lis) => lis.map((li) => li.getBoundingClientRect().top));
		expect(new Set(tops).size).toBe(1);

		await expect(mainNav(page).getByRole('link', { name: 'Monatsmeldung' })).toBeHidden();
		await group(page, 'Daten').click();
		await expect(mainNav(page).getByRole('link', { name: 'Monatsmeldung' })).toBeVisible();
		await page.screenshot({ path: `test-results/screenshots/navigation-${role}.png` });
		await mainNav(page).getByRole('link', { name: 'Monatsmeldung' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Monatsmeldung' })).toBeVisible();
		// The group closed with the navigation, and says that it holds the current page.
		await expect(mainNav(page).getByRole('link', { name: 'Monatsmeldung' })).toBeHidden();
		await expect(group(page, 'Daten')).toHaveClass(/holds-current/);
	});
}

test('a group opens by keyboard, reports its state, and Escape closes it and keeps the focus', async ({
	page
}) => {
	await signIn(page, 'analyst');
	const rounds = group(page, 'Runden');
	await rounds.focus();
	const expanded = () => rounds.evaluate((s) => (s.parentElement as HTMLDetailsElement).open);
	expect(await expanded()).toBe(false);
	await page.keyboard.press('Enter');
	expect(await expanded()).toBe(true);
	await page.keyboard.press('Tab');
	await expect(mainNav(page).getByRole('link', { name: 'Alle Runden' })).toBeFocused();
	await page.keyboard.press('Escape');
	expect(await expanded()).toBe(false);
	await expect(rounds).toBeFocused();

	// Only one group is open at a time, and a click elsewhere closes it.
	await rounds.click();
	await group(page, 'Daten').click();
	expect(await expanded()).toBe(false);
	await page.mouse.click(1200, 650);
	await expect(mainNav(page).getByRole('link', { name: 'Monatsmeldung' })).toBeHidden();

	// The open menu passes the scan too (contrast over the page, names of the disclosure).
	await rounds.click();
	const scan = await new AxeBuilder({ page })
		.include('header')
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual(
		[]
	);
	await page.screenshot({ path: 'test-results/screenshots/navigation-analyst-keyboard.png' });
});

test('the groups work without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/anmelden');
	await page.getByLabel('E-Mail-Adresse').fill('analyst@demo.test');
	await page.getByLabel('Passwort').fill('demo-analyst');
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await group(page, 'Runden').click();
	await mainNav(page).getByRole('link', { name: 'Datenstand' }).click();
	await expect(page).toHaveURL(/\/datenstand$/);
	await page.screenshot({ path: 'test-results/screenshots/navigation-no-js.png' });
	await context.close();
});
