import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { signIn } from './session';

interface KpiJson {
	kpis: {
		id: string;
		value: number | null;
		peer: { median: number } | null;
		percentile: number | null;
	}[];
	peers: { group: string; members: number };
	period: { from: string; to: string };
}

/** The engine's answer for the same query, from the analysts' command-line tool. */
function engine(args: string[]): KpiJson {
	const out = execFileSync(
		'npx',
		['tsx', 'src/cli/kpi.ts', '--jobcenter', '05754', '--json', ...args],
		{
			env: { ...process.env, DATABASE_PATH: process.env.E2E_DB, BENCHLEARN_TODAY: '2026-11-15' }
		}
	);
	return JSON.parse(out.toString());
}

const de = (value: number, digits: number) =>
	new Intl.NumberFormat('de-DE', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	}).format(value);

test('the cards show the numbers of the KPI engine for the same query', async ({ page }) => {
	const expected = engine([]);
	await signIn(page, 'jobcenter');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Jobcenter Kreis Gütersloh' })
	).toBeVisible();
	await expect(
		page.getByText(`verglichen mit: Vergleichsring (${expected.peers.members} Jobcenter)`)
	).toBeVisible();

	const card = (label: string) =>
		page
			.getByRole('article')
			.filter({ has: page.getByRole('heading', { name: label, exact: true }) });
	const rate = expected.kpis.find((k) => k.id === 'engagement_rate_pct')!;
	await expect(card('Interaktionsrate')).toContainText(`${de(rate.value!, 1)} %`);
	await expect(card('Interaktionsrate')).toContainText(
		`Median der Vergleichsgruppe: ${de(rate.peer!.median, 1)} %`
	);
	await expect(card('Interaktionsrate')).toContainText(`Perzentil ${de(rate.percentile!, 0)}`);
	const perElb = expected.kpis.find((k) => k.id === 'followers_per_1000_elb')!;
	await expect(card('Follower je 1.000 eLb')).toContainText(de(perElb.value!, 1));
	await expect(card('Follower je 1.000 eLb')).toContainText(
		`Median der Vergleichsgruppe: ${de(perElb.peer!.median, 1)}`
	);

	// Raw counts: the own value, but no peer figure for a jobcenter user.
	const followers = expected.kpis.find((k) => k.id === 'followers')!;
	await expect(card('Follower')).toContainText(de(followers.value!, 0));
	await expect(card('Follower')).toContainText('Rohwerte anderer Jobcenter werden nicht gezeigt');
	await expect(card('Follower')).not.toContainText('Median');
	await page.screenshot({
		path: 'test-results/screenshots/dashboard-jobcenter.png',
		fullPage: true
	});
});

test('changing the filters changes the URL and the numbers', async ({ page }) => {
	const all = engine(['--peers', 'all', '--from', '2026-01', '--to', '2026-06']);
	await signIn(page, 'jobcenter');
	await page.getByLabel('Vergleichsgruppe', { exact: true }).selectOption('all');
	await page.getByLabel('Von (Monat)').fill('2026-01');
	await page.getByLabel('Bis (Monat)').fill('2026-06');
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/vergleich=all/);
	await expect(page).toHaveURL(/von=2026-01&bis=2026-06/);
	await expect(
		page.getByText(`verglichen mit: alle Jobcenter (${all.peers.members} Jobcenter)`)
	).toBeVisible();
	const rate = all.kpis.find((k) => k.id === 'engagement_rate_pct')!;
	const card = page
		.getByRole('article')
		.filter({ has: page.getByRole('heading', { name: 'Interaktionsrate', exact: true }) });
	await expect(card).toContainText(`Median der Vergleichsgruppe: ${de(rate.peer!.median, 1)} %`);

	await page.goBack();
	await expect(page).not.toHaveURL(/vergleich=all/);
	await page.screenshot({
		path: 'test-results/screenshots/dashboard-filtered.png',
		fullPage: true
	});
});

test('a jobcenter user cannot look at another jobcenter', async ({ page }) => {
	await signIn(page, 'jobcenter');
	const response = await page.goto('/?jc=05158');
	expect(response?.status()).toBe(403);
	expect(await page.content()).not.toContain('Mettmann');
});

test('the KPI detail shows the series, the distribution and a table with the same numbers', async ({
	page
}) => {
	await signIn(page, 'analyst');
	await page.goto('/?jc=05754');
	await page.getByRole('link', { name: 'Interaktionsrate' }).click();
	await expect(page).toHaveURL(/\/kpi\/engagement_rate_pct\?jc=05754/);
	await expect(
		page.getByRole('figure', { name: /Liniendiagramm von Interaktionsrate je Monat/ })
	).toBeVisible();
	await expect(page.getByRole('img', { name: /Punktdiagramm der 10 Werte/ })).toBeVisible();

	const expected = engine([]);
	const rate = expected.kpis.find((k) => k.id === 'engagement_rate_pct')!;
	await page.getByText('Tabelle anzeigen').click();
	const table = page.getByRole('table', { name: /Interaktionsrate je Monat/ });
	await expect(table.getByRole('row')).toHaveCount(13);
	await expect(
		page
			.getByRole('definition')
			.filter({ hasText: `${de(rate.value!, 1)} %` })
			.first()
	).toBeVisible();

	const ranking = page.getByRole('table', { name: /Rangfolge/ });
	await expect(ranking.getByRole('row')).toHaveCount(11);
	await expect(ranking).toContainText('Jobcenter Kreis Gütersloh');
	await page.screenshot({ path: 'test-results/screenshots/kpi-detail.png', fullPage: true });
});

test('the map places the jobcenter among unlabelled peers, with the same numbers as the engine', async ({
	page
}) => {
	const expected = engine([]);
	const value = (id: string) => expected.kpis.find((k) => k.id === id)!.value!;
	await signIn(page, 'jobcenter');
	await page.getByRole('link', { name: 'Aufwand und Wirkung' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Aufwand und Wirkung' })).toBeVisible();
	const map = page.getByRole('img', { name: /Streudiagramm von \d+ Jobcentern ohne Namen/ });
	await expect(map).toBeVisible();
	for (const quadrant of ['viel Wirkung mit wenig Aufwand', 'wenig Wirkung mit viel Aufwand']) {
		await expect(map).toContainText(quadrant);
	}
	await expect(page.getByText(/Ihr Jobcenter liegt im Feld „/)).toBeVisible();
	await page.getByText('Tabelle anzeigen').click();
	const own = page.getByRole('row', { name: /Ihr Jobcenter/ });
	await expect(own).toContainText(de(value('fte_per_10000_elb'), 2));
	await expect(own).toContainText(de(value('reach_per_1000_elb'), 1));
	await page.screenshot({ path: 'test-results/screenshots/map-jobcenter.png', fullPage: true });
});

test('the channel view shows one small multiple per channel in use and the channel mix', async ({
	page
}) => {
	await signIn(page, 'jobcenter');
	await page.getByRole('link', { name: 'Kanäle', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Kanäle' })).toBeVisible();
	// The demo jobcenter always runs Facebook and Instagram.
	for (const channel of ['Facebook', 'Instagram']) {
		const panel = page
			.getByRole('article')
			.filter({ has: page.getByRole('heading', { name: channel, exact: true }) });
		await expect(
			panel.getByRole('figure', {
				name: `Follower am Monatsende auf ${channel} je Monat, Ihr Jobcenter und die Vergleichsgruppe.`
			})
		).toBeVisible();
		await expect(
			panel.getByRole('figure', {
				name: `Interaktionsrate in % auf ${channel} je Monat, Ihr Jobcenter und die Vergleichsgruppe.`
			})
		).toBeVisible();
	}
	const facebook = page
		.getByRole('article')
		.filter({ has: page.getByRole('heading', { name: 'Facebook', exact: true }) });
	await facebook.getByText('Tabelle anzeigen').click();
	await expect(facebook.getByRole('table', { name: 'Facebook' }).getByRole('row')).toHaveCount(13);
	await expect(page.getByRole('heading', { name: 'Kanalmix' })).toBeVisible();
	await page.screenshot({
		path: 'test-results/screenshots/channels-jobcenter.png',
		fullPage: true
	});
});

test('the keyboard alone reaches every filter and every month of the chart, which then shows its numbers', async ({
	page
}) => {
	await signIn(page, 'jobcenter');
	await page.goto('/kpi/engagement_rate_pct');
	const reached = new Set<string>();
	for (let i = 0; i < 60; i++) {
		await page.keyboard.press('Tab');
		const name = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement | null;
			return el?.id || el?.getAttribute('aria-label') || el?.textContent?.trim() || '';
		});
		reached.add(name);
		// The channel list folds away; Enter on its summary opens it, as a keyboard user would.
		if (name.startsWith('Kanäle: alle')) await page.keyboard.press('Enter');
		if (name.startsWith('Okt. 2026')) break;
	}
	for (const id of ['f-peers', 'f-from', 'f-to', 'f-ch-facebook', 'f-ch-whatsapp'])
		expect(reached).toContain(id);
	const lastMonth = page.getByRole('button', { name: /^Okt\. 2026: Ihr Wert/ });
	await expect(lastMonth).toBeFocused();
	await expect(lastMonth.locator('.tip')).toBeVisible();
	await expect(lastMonth.locator('.tip')).toContainText('Median');
	await page.screenshot({
		path: 'test-results/screenshots/kpi-tooltip-keyboard.png',
		fullPage: true
	});
});

test('a round sets the period and the peer group of the overview at once', async ({ page }) => {
	const created = execFileSync(
		'npx',
		[
			'tsx',
			'src/cli/round.ts',
			'create',
			'--name',
			'Dashboard-Testrunde',
			'--from',
			'2026-04',
			'--to',
			'2026-09',
			'--ring',
			'Vergleichsring Optionskommunen'
		],
		{ env: { ...process.env, DATABASE_PATH: process.env.E2E_DB, BENCHLEARN_TODAY: '2026-11-15' } }
	);
	const id = created.toString().trim();
	const expected = engine(['--round', id]);
	await signIn(page, 'jobcenter');
	await page.getByLabel('Benchlearning-Runde').selectOption({ label: 'Dashboard-Testrunde' });
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(new RegExp(`runde=${id}`));
	await expect(
		page.getByText(
			`April 2026 bis September 2026, verglichen in der Runde „Dashboard-Testrunde“ (${expected.peers.members} Jobcenter)`
		)
	).toBeVisible();
	const rate = expected.kpis.find((k) => k.id === 'engagement_rate_pct')!;
	const card = page
		.getByRole('article')
		.filter({ has: page.getByRole('heading', { name: 'Interaktionsrate', exact: true }) });
	await expect(card).toContainText(`${de(rate.value!, 1)} %`);
	await expect(card).toContainText(`Median der Vergleichsgruppe: ${de(rate.peer!.median, 1)} %`);
	await expect(page.getByLabel('Vergleichsgruppe', { exact: true })).toBeDisabled();
	await page.screenshot({ path: 'test-results/screenshots/dashboard-round.png', fullPage: true });
});
