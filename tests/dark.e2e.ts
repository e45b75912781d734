/** Dark mode, as the operating system sets it: every colour follows KERN's dark theme and passes WCAG AA. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ensureReportRound } from './reportRound';
import { signIn, type Role } from './session';

test.use({ colorScheme: 'dark' });

/**
 * Colours as the browser paints them: each computed colour (KERN's are oklch) is drawn on a canvas and
 * read back as sRGB; a background is the stack of ancestors' backgrounds blended down to an opaque one.
 * Returns the WCAG contrast ratio of the element's text against what is behind it.
 */
function contrastOf(page: Page, selector: string): Promise<number> {
	return page
		.locator(selector)
		.first()
		.evaluate((element) => {
			const canvas = document
				.createElement('canvas')
				.getContext('2d', { willReadFrequently: true })!;
			const rgba = (css: string) => {
				canvas.clearRect(0, 0, 1, 1);
				canvas.fillStyle = css;
				canvas.fillRect(0, 0, 1, 1);
				const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
				return { rgb: [r, g, b], alpha: a / 255 };
			};
			const layers: { rgb: number[]; alpha: number }[] = [];
			for (let node: Element | null = element; node; node = node.parentElement) {
				const layer = rgba(getComputedStyle(node).backgroundColor);
				if (layer.alpha > 0) layers.push(layer);
				if (layer.alpha === 1) break;
			}
			const backdrop = layers.reduceRight(
				(below, { rgb, alpha }) => rgb.map((c, i) => c * alpha + below[i] * (1 - alpha)),
				[255, 255, 255]
			);
			const text = rgba(getComputedStyle(element).color).rgb;
			const luminance = (rgb: number[]) => {
				const [r, g, b] = rgb.map((c) => {
					const s = c / 255;
					return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
				});
				return 0.2126 * r + 0.7152 * g + 0.0722 * b;
			};
			const [hi, lo] = [luminance(text), luminance(backdrop)].sort((a, b) => b - a);
			return (hi + 0.05) / (lo + 0.05);
		});
}

/** The relative luminance of an element's computed colour property (0 black … 1 white). */
function luminanceOf(
	page: Page,
	selector: string,
	property: 'backgroundColor' | 'fill' | 'color'
): Promise<number> {
	return page
		.locator(selector)
		.first()
		.evaluate((element, prop) => {
			const canvas = document
				.createElement('canvas')
				.getContext('2d', { willReadFrequently: true })!;
			canvas.fillStyle = getComputedStyle(element)[prop];
			canvas.fillRect(0, 0, 1, 1);
			const [r, g, b] = [...canvas.getImageData(0, 0, 1, 1).data].map((c) => {
				const s = c / 255;
				return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
			});
			return 0.2126 * r + 0.7152 * g + 0.0722 * b;
		}, property);
}

async function axeViolations(page: Page, url: string): Promise<string[]> {
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

test('jobcenter overview in the dark: subtitle and Demo badge readable, the page dark', async ({
	page
}) => {
	await signIn(page, 'jobcenter');
	await page.goto('/');
	expect(await luminanceOf(page, 'body', 'backgroundColor')).toBeLessThan(0.05);
	expect(await contrastOf(page, '.brand-tagline')).toBeGreaterThanOrEqual(4.5);
	expect(await contrastOf(page, '.kern-badge .kern-label')).toBeGreaterThanOrEqual(4.5);
	await expect(page.locator('.kern-badge')).toHaveText('Demo');
	await page.screenshot({
		path: 'test-results/screenshots/dark-overview-jobcenter.png',
		fullPage: true
	});
});

test('analyst overview in the dark: subtitle, badge and the followers chart legend readable', async ({
	page
}) => {
	await signIn(page, 'analyst');
	await page.goto('/');
	expect(await contrastOf(page, '.brand-tagline')).toBeGreaterThanOrEqual(4.5);
	expect(await contrastOf(page, '.kern-badge .kern-label')).toBeGreaterThanOrEqual(4.5);
	expect(await contrastOf(page, '.legend li')).toBeGreaterThanOrEqual(4.5);
	await page.screenshot({
		path: 'test-results/screenshots/dark-overview-analyst.png',
		fullPage: true
	});
	await page
		.locator('figure.chart')
		.first()
		.screenshot({ path: 'test-results/screenshots/dark-overview-chart.png' });
});

test('a KPI detail page in the dark: the band is a quiet dark blue, legend and numbers readable', async ({
	page
}) => {
	await signIn(page, 'jobcenter');
	await page.goto('/kpi/engagement_rate_pct');
	expect(await luminanceOf(page, '.plot path[stroke="none"]', 'fill')).toBeLessThan(0.06);
	expect(await luminanceOf(page, '.swatch.band', 'backgroundColor')).toBeLessThan(0.06);
	expect(await contrastOf(page, '.legend li')).toBeGreaterThanOrEqual(4.5);
	expect(await contrastOf(page, '.numbers dd')).toBeGreaterThanOrEqual(4.5);
	await page.screenshot({ path: 'test-results/screenshots/dark-kpi-detail.png', fullPage: true });
});

test('printing from a dark screen gives dark text on white paper', async ({ page }) => {
	await signIn(page, 'jobcenter');
	await page.goto('/kpi/engagement_rate_pct');
	await page.emulateMedia({ media: 'print' });
	expect(await luminanceOf(page, 'body', 'backgroundColor')).toBeGreaterThan(0.9);
	expect(await luminanceOf(page, 'h1', 'color')).toBeLessThan(0.05);
	expect(await luminanceOf(page, '.plot path[stroke="none"]', 'fill')).toBeGreaterThan(0.5);
	// The screenshot shows the page as the printer gets it.
	await page.screenshot({ path: 'test-results/screenshots/dark-print.png', fullPage: true });
});

/** Every page a person can reach, per role, scanned in the dark as a11y.e2e.ts scans them in the light. */
const PAGES: Record<Exclude<Role, 'admin'> | 'anonymous', () => string[]> = {
	anonymous: () => ['/anmelden', '/impressum', '/datenschutz', '/barrierefreiheit'],
	jobcenter: () => [
		'/',
		'/kpi/engagement_rate_pct',
		'/karte',
		'/kanaele',
		'/hochladen',
		'/lieferungen',
		'/konto'
	],
	analyst: () => {
		const round = ensureReportRound();
		return [
			'/?jc=05754',
			'/kpi/reach_per_1000_elb?jc=05754',
			'/karte?jc=05754',
			'/kanaele?jc=05754',
			'/jobcenter',
			'/methodik',
			'/protokoll',
			'/runden',
			`/runden/${round}`,
			`/runden/${round}/bericht`
		];
	}
};

for (const [role, urls] of Object.entries(PAGES)) {
	test(`${role}: no serious or critical accessibility violations in the dark`, async ({ page }) => {
		// Axe needs a few seconds per page on a busy machine.
		test.setTimeout(180_000);
		if (role !== 'anonymous') await signIn(page, role as Role);
		const violations: string[] = [];
		for (const url of urls()) violations.push(...(await axeViolations(page, url)));
		expect(violations).toEqual([]);
		await page.screenshot({
			path: `test-results/screenshots/dark-a11y-${role}.png`,
			fullPage: true
		});
	});
}
