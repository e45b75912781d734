import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ensureAdmin, signIn, type Role } from './session';

/** Every page a person can reach, per role; the scan must find no serious or critical violation (WCAG 2.1 AA). */
const PAGES: Record<Role | 'anonymous', string[]> = {
	anonymous: ['/anmelden', '/impressum', '/datenschutz', '/barrierefreiheit'],
	jobcenter: [
		'/',
		'/kpi/engagement_rate_pct',
		'/karte',
		'/kanaele',
		'/konto',
		'/methodik',
		'/meine-runden',
		'/ereignisse'
	],
	analyst: [
		'/',
		'/?seite=2',
		'/?suche=kreis&land=NW',
		'/?suche=keins',
		'/jobcenter?seite=2&bearbeiten=05754',
		'/jobcenter?suche=kreis&land=NW&gespeichert=01002',
		'/jobcenter?suche=keins',
		'/?jc=05754',
		'/kpi/reach_per_1000_elb?jc=05754',
		'/karte?jc=05754',
		'/kanaele?jc=05754',
		'/protokoll',
		'/runden',
		'/ereignisse',
		'/datenstand'
	],
	admin: ['/verwaltung/benutzer']
};

async function scan(page: Page, url: string) {
	await page.goto(url);
	const result = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map(
			(v) =>
				`${url}: ${v.id} (${v.impact}) ${v.nodes
					.map((n) => n.target.join(' '))
					.slice(0, 3)
					.join(', ')}`
		);
}

for (const [role, urls] of Object.entries(PAGES)) {
	test(`${role}: no serious or critical accessibility violations`, async ({ page }) => {
		// A dozen pages with a scan each: the bound only catches a hang on a busy machine.
		test.setTimeout(120_000);
		if (role === 'admin') ensureAdmin();
		if (role !== 'anonymous') await signIn(page, role as Role);
		const violations: string[] = [];
		for (const url of urls) violations.push(...(await scan(page, url)));
		expect(violations).toEqual([]);
		await page.screenshot({ path: `test-results/screenshots/a11y-${role}.png`, fullPage: true });
	});
}
