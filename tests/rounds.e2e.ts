import { expect, test } from '@playwright/test';
import { KPIS } from '../src/lib/server/kpi/catalogue';
import { DEMO_JOBCENTERS } from '../src/lib/server/demo/jobcenters';
import { signIn } from './session';

const RING = 'Vergleichsring Ländlicher Raum West';
const members = DEMO_JOBCENTERS.filter((j) => j.ring === RING);

test('an analyst creates a round from a ring, sees it listed and edits it', async ({ page }) => {
	await signIn(page, 'analyst');
	// The rounds sit in the navigation's group „Runden“.
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.locator('summary', { hasText: 'Runden' })
		.click();
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Runden' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Benchlearning-Runden' })).toBeVisible();

	await page.getByLabel('Name der Runde').fill('Frühjahrsrunde 2026');
	await page.getByLabel('Erster Monat').fill('2026-01');
	await page.getByLabel('Letzter Monat').fill('2026-06');
	await page.getByLabel('Vergleichsring').selectOption(RING);
	await page.screenshot({ path: 'test-results/screenshots/rounds-create.png', fullPage: true });
	await page.getByRole('button', { name: 'Runde anlegen' }).click();

	await expect(page.getByRole('status')).toContainText(
		'Die Runde „Frühjahrsrunde 2026“ ist gespeichert.'
	);
	const row = page.getByRole('row', { name: /Frühjahrsrunde 2026/ });
	await expect(row).toContainText('Januar 2026 bis Juni 2026');
	await expect(row.getByRole('cell').nth(1)).toHaveText(String(members.length));
	await page.screenshot({ path: 'test-results/screenshots/rounds-list.png', fullPage: true });

	await row.getByRole('link', { name: /Bearbeiten/ }).click();
	const form = page.getByRole('region', { name: 'Runde „Frühjahrsrunde 2026“ bearbeiten' });
	await expect(form.getByLabel('Name der Runde')).toHaveValue('Frühjahrsrunde 2026');
	for (const jc of members) await expect(form.getByLabel(jc.name, { exact: true })).toBeChecked();
	await form.getByLabel('Name der Runde').fill('Sommerrunde 2026');
	await form.getByLabel('Erster Monat').fill('2026-04');
	await form.getByLabel('Letzter Monat').fill('2026-09');
	await form.getByLabel(members[0].name, { exact: true }).uncheck();
	await page.screenshot({ path: 'test-results/screenshots/rounds-edit.png', fullPage: true });
	await form.getByRole('button', { name: 'Änderungen speichern' }).click();

	await expect(page.getByRole('status')).toContainText(
		'Die Runde „Sommerrunde 2026“ ist gespeichert.'
	);
	const edited = page.getByRole('row', { name: /Sommerrunde 2026/ });
	await expect(edited).toContainText('April 2026 bis September 2026');
	await expect(edited.getByRole('cell').nth(1)).toHaveText(String(members.length - 1));
	await expect(page.getByRole('row', { name: /Frühjahrsrunde 2026/ })).toHaveCount(0);
});

test('a round with a reversed period and no participants is refused with German reasons', async ({
	page
}) => {
	await signIn(page, 'analyst');
	await page.goto('/runden');
	// Filled and sent while the page hydrates, the form once came back without its messages (CI).
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Name der Runde').fill('Falsch herum');
	await page.getByLabel('Erster Monat').fill('2026-09');
	await page.getByLabel('Letzter Monat').fill('2026-03');
	const answered = page.waitForResponse((r) => r.url().includes('/create'));
	await page.getByRole('button', { name: 'Runde anlegen' }).click();
	await answered;
	await expect(
		page.getByText('Der erste Monat (2026-09) liegt nach dem letzten Monat (2026-03).')
	).toBeVisible();
	await expect(
		page.getByText('Bitte wählen Sie einen Vergleichsring oder mindestens ein Jobcenter.')
	).toBeVisible();
	await expect(page.getByLabel('Name der Runde')).toHaveValue('Falsch herum');
	await expect(page.getByRole('row', { name: /Falsch herum/ })).toHaveCount(0);
	await page.screenshot({ path: 'test-results/screenshots/rounds-invalid.png', fullPage: true });
});

test('the methodology page explains every KPI of the catalogue, for jobcenter users too', async ({
	page
}) => {
	await signIn(page, 'jobcenter');
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Methodik' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Methodik' })).toBeVisible();
	for (const kpi of KPIS) {
		await expect(
			page.getByRole('heading', { level: 3, name: kpi.label.de, exact: true })
		).toBeVisible();
	}
	for (const area of [
		'Reichweite',
		'Resonanz',
		'Personalaufwand',
		'Vergleichsgruppen',
		'Statistik'
	]) {
		await expect(page.getByRole('heading', { level: 2, name: area, exact: true })).toBeVisible();
	}
	await expect(page.getByText('Haben weniger als 5 Mitglieder Daten')).toBeVisible();
	await expect(page.getByText('Wird nicht bewertet').first()).toBeVisible();
	await page.screenshot({ path: 'test-results/screenshots/methodik.png', fullPage: true });
});
