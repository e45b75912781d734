// The Antwortzeit as a jobcenter sees it: the card, the KPI page with the peers' quartiles, and /methodik.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { ensureReportRound } from './reportRound';
import { signIn } from './session';

interface Kpi {
	id: string;
	value: number | null;
	peer: { median: number; p25: number; p75: number } | null;
	quartile: number | null;
}

/** The engine's answer for the demo jobcenter, from the analysts' command-line tool. */
function answerTime(): Kpi {
	const out = execFileSync('npx', ['tsx', 'src/cli/kpi.ts', '--jobcenter', '05754', '--json'], {
		env: { ...process.env, DATABASE_PATH: process.env.E2E_DB, BENCHLEARN_TODAY: '2026-11-15' }
	});
	return (JSON.parse(out.toString()).kpis as Kpi[]).find((k) => k.id === 'response_hours')!;
}

/** „2,5 Std.“, from 48 hours on „3 Tage“, as the app writes it. */
function duration(hours: number): string {
	const days = hours >= 48;
	return new Intl.NumberFormat('de-DE', {
		style: 'unit',
		...(days
			? { unit: 'day', unitDisplay: 'long', maximumFractionDigits: 1 }
			: { unit: 'hour', unitDisplay: 'short', minimumFractionDigits: 1, maximumFractionDigits: 1 })
	}).format(days ? hours / 24 : hours);
}

test('a jobcenter sees its answer time against the peers’ quartiles, on the card and the KPI page', async ({
	page
}) => {
	const expected = answerTime();
	expect(expected.value).not.toBeNull();
	expect(expected.peer).not.toBeNull();
	await signIn(page, 'jobcenter');
	const card = page
		.getByRole('article')
		.filter({ has: page.getByRole('heading', { name: 'Antwortzeit', exact: true }) });
	await expect(card).toContainText(duration(expected.value!));
	await expect(card).toContainText(
		`Median der Vergleichsgruppe: ${duration(expected.peer!.median)}`
	);

	await card.screenshot({ path: 'test-results/screenshots/card-response-hours.png' });

	await card.getByRole('link', { name: 'Antwortzeit' }).click();
	await expect(page).toHaveURL(/\/kpi\/response_hours/);
	await expect(page.getByRole('heading', { level: 1, name: 'Antwortzeit' })).toBeVisible();
	await expect(
		page.getByRole('figure', { name: /Liniendiagramm von Antwortzeit je Monat/ })
	).toBeVisible();
	await expect(page.getByRole('img', { name: /Punktdiagramm der \d+ Werte/ })).toBeVisible();
	for (const figure of [
		expected.value!,
		expected.peer!.p25,
		expected.peer!.median,
		expected.peer!.p75
	]) {
		await expect(
			page
				.getByRole('definition')
				.filter({ hasText: duration(figure) })
				.first()
		).toBeVisible();
	}
	// Unlike raw counts, the peers' answer times are shown to a jobcenter.
	await expect(page.locator('main')).not.toContainText('Rohwerte anderer Jobcenter');
	await expect(page.getByText('Ein niedrigerer Wert ist besser.')).toBeVisible();
	await expect(page.getByText(/bis zur ersten Antwort des Jobcenters/)).toBeVisible();
	await page.getByText('Tabelle anzeigen').click();
	await expect(
		page.getByRole('table', { name: /Antwortzeit je Monat/ }).getByRole('row')
	).toHaveCount(13);
	await page.screenshot({
		path: 'test-results/screenshots/kpi-response-hours.png',
		fullPage: true
	});
});

test('/methodik explains the answer time in the resonance area', async ({ page }) => {
	await signIn(page, 'jobcenter');
	await page.goto('/methodik');
	const resonance = page.locator('section#resonance');
	const entry = resonance
		.getByRole('article')
		.filter({ has: page.getByRole('heading', { name: 'Antwortzeit', exact: true }) });
	await expect(entry).toContainText(
		'Median aller gemeldeten Antwortzeiten (je Kanal und Monat ein Wert)'
	);
	await expect(entry).toContainText('ersten Antwort');
	await expect(entry).toContainText('Niedriger ist besser.');
	await expect(entry).toContainText('Std.');
	await expect(entry.getByRole('code')).toHaveText('response_hours');
	await entry.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/screenshots/methodik-response-hours.png' });
});

test('the jobcenter report says in its resonance summary how fast the jobcenter answers', async ({
	page
}) => {
	const id = ensureReportRound();
	await signIn(page, 'jobcenter');
	await page.goto(`/runden/${id}/bericht`);
	const sentence = page.getByRole('listitem').filter({ hasText: 'Bei der Antwortzeit' });
	await expect(sentence).toHaveText(
		/Bei der Antwortzeit liegt Ihr Jobcenter mit [\d,]+ (Std\.|Tagen) im (unteren|zweiten|dritten|oberen) Quartil.* der Vergleichsgruppe \(Median [\d,]+ (Std\.|Tage)\)\. Das ist/
	);
	await expect(page.getByRole('heading', { name: 'Antwortzeit (Std.)' })).toBeVisible();
	await sentence.screenshot({
		path: 'test-results/screenshots/report-response-hours-sentence.png'
	});
});
