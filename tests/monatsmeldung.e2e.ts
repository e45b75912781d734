// The Monatsmeldung as a jobcenter's social-media staff fill it in: stored figures shown, a typo
// refused next to its field, a German decimal taken, a plausibility warning before saving, the
// upload listed and undone.
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { signIn } from './session';

const SHOTS = 'test-results/screenshots';

/** The demo jobcenter's stored October figures of one channel, read directly from the e2e database. */
function stored(channel: string): Record<string, number | null> | undefined {
	const db = new Database(process.env.E2E_DB!, { readonly: true, fileMustExist: true });
	const row = db
		.prepare(
			`select m.* from monthly_metric m join jobcenter j on j.id = m.jobcenter_id
			where j.code = '05754' and m.channel_id = ? and m.month = '2026-10'`
		)
		.get(channel) as Record<string, number | null> | undefined;
	db.close();
	return row;
}

const field = (page: Page, channel: string, metric: string) =>
	page.getByRole('textbox', { name: `${channel} ${metric}`, exact: true });

test('a jobcenter fills in its Monatsmeldung, saves it as an upload and undoes it', async ({
	page
}) => {
	test.setTimeout(120_000);
	const before = stored('facebook');
	expect(before, 'the demo jobcenter has October figures for Facebook').toBeDefined();

	await signIn(page, 'jobcenter');
	// The data pages sit in the navigation's group „Daten“.
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.locator('summary', { hasText: 'Daten' })
		.click();
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Monatsmeldung' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Monatsmeldung' })).toBeVisible();
	// The last complete month is chosen; the current one cannot be.
	await expect(page.getByLabel('Monat', { exact: true })).toHaveValue('2026-10');
	await expect(
		page.getByLabel('Monat', { exact: true }).locator('option[value="2026-11"]')
	).toHaveCount(0);

	// The stored figures are there, each field with the previous month as its description.
	const followers = field(page, 'Facebook', 'Follower');
	await expect(followers).toHaveValue(String(before!.followers));
	await expect(followers).toHaveAccessibleDescription(/^Vormonat: [\d.]+$/);
	await expect(field(page, 'Facebook', 'Antwortzeit (Std.)')).toBeVisible();

	// A typo is refused next to its field, with a summary at the top that links to it.
	await field(page, 'Facebook', 'Beiträge').fill('zwölf');
	await field(page, 'Facebook', 'Personalstunden').fill('12,5');
	await field(page, 'Facebook', 'Antwortzeit (Std.)').fill('400');
	await page.getByRole('button', { name: 'Prüfen' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'Die Meldung hat Fehler' });
	await expect(summary).toBeVisible();
	await expect(
		summary.getByRole('link', { name: 'Facebook, Beiträge: Keine Zahl.' })
	).toBeVisible();
	await expect(field(page, 'Facebook', 'Beiträge')).toHaveAttribute('aria-invalid', 'true');
	await expect(field(page, 'Facebook', 'Beiträge')).toHaveAccessibleDescription(/Keine Zahl\./);
	await expect(field(page, 'Facebook', 'Personalstunden')).toHaveValue('12,5');
	await page.screenshot({ path: `${SHOTS}/monatsmeldung-errors.png`, fullPage: true });
	await summary.getByRole('link', { name: /Beiträge/ }).click();
	await expect(field(page, 'Facebook', 'Beiträge')).toBeFocused();
	expect(stored('facebook')).toEqual(before);

	// Corrected, it passes with a warning and shows what changes; nothing is saved yet.
	await field(page, 'Facebook', 'Beiträge').fill(String(before!.posts ?? 7));
	await page.getByRole('button', { name: 'Prüfen' }).click();
	await expect(page.getByText('Geprüft: keine Fehler')).toBeVisible();
	const warning = /Facebook, Antwortzeit \(Std\.\): Eine Antwortzeit über 14 Tagen/;
	await expect(page.getByRole('link', { name: warning })).toBeVisible();
	await expect(field(page, 'Facebook', 'Antwortzeit (Std.)')).toHaveAccessibleDescription(
		/Antwortzeit über 14 Tagen/
	);
	await expect(page.getByText(/Facebook, Personalstunden: .* → 12,5/)).toBeVisible();
	await page.screenshot({ path: `${SHOTS}/monatsmeldung-preview.png`, fullPage: true });
	expect(stored('facebook')).toEqual(before);

	await page.getByRole('button', { name: 'Speichern' }).click();
	await expect(page).toHaveURL(/\/lieferungen\?neu=\d+/);
	const id = new URL(page.url()).searchParams.get('neu');
	const row = page.getByRole('row').filter({ hasText: 'Monatsmeldung 2026-10' }).first();
	await expect(row).toContainText(id!);
	expect(stored('facebook')).toMatchObject({ staff_hours: 12.5, response_hours: 400 });
	await page.screenshot({ path: `${SHOTS}/monatsmeldung-saved.png`, fullPage: true });

	// The form opens with the saved figures.
	await page.goto('/monatsmeldung');
	await expect(field(page, 'Facebook', 'Personalstunden')).toHaveValue('12,5');
	await expect(field(page, 'Facebook', 'Antwortzeit (Std.)')).toHaveValue('400');

	// Saving the same figures again changes nothing, and says so.
	await page.getByRole('button', { name: 'Prüfen' }).click();
	await expect(page.getByText('Alle Werte sind schon so gespeichert')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Speichern' })).toHaveCount(0);

	// Undone under /lieferungen like any other upload: the figures are as before.
	await page.goto('/lieferungen');
	await page
		.getByRole('row')
		.filter({ hasText: 'Monatsmeldung 2026-10' })
		.first()
		.getByRole('button', { name: `Rückgängig machen Nr. ${id}` })
		.click();
	await expect(page.getByText(`Upload ${id} wurde rückgängig gemacht`)).toBeVisible();
	expect(stored('facebook')).toEqual(before);
	await page.goto('/monatsmeldung');
	await expect(field(page, 'Facebook', 'Personalstunden')).toHaveValue(
		before!.staff_hours === null ? '' : String(before!.staff_hours).replace('.', ',')
	);
});

test('a channel is added from the list, and an empty new channel saves nothing', async ({
	page
}) => {
	await signIn(page, 'jobcenter');
	await page.goto('/monatsmeldung?monat=2026-09');
	const choice = page.getByLabel('Weiterer Kanal');
	const option = choice.locator('option').first();
	const name = (await option.textContent())!.trim();
	await choice.selectOption({ label: name });
	await field(page, 'Facebook', 'Personalstunden').fill('9,5');
	await page.getByRole('button', { name: 'Kanal hinzufügen' }).click();
	// The new row is there, and what was typed before is kept.
	await expect(page.getByRole('rowheader', { name, exact: true })).toBeVisible();
	await expect(field(page, 'Facebook', 'Personalstunden')).toHaveValue('9,5');
	await expect(field(page, name, 'Follower')).toHaveAccessibleDescription('Vormonat: kein Wert');
	await page.screenshot({ path: `${SHOTS}/monatsmeldung-channel-added.png`, fullPage: true });
	await page.getByRole('button', { name: 'Prüfen' }).click();
	await expect(page.getByText('Geprüft: keine Fehler')).toBeVisible();
	await expect(page.getByText(/Neu gespeichert werden/)).toHaveCount(0);
});

test('an analyst chooses the jobcenter first, then enters its month', async ({ page }) => {
	await signIn(page, 'analyst');
	await page.goto('/monatsmeldung');
	await expect(page.getByRole('textbox')).toHaveCount(0);
	await page.getByLabel('Jobcenter', { exact: true }).selectOption('05754');
	await page.getByLabel('Monat', { exact: true }).selectOption('2026-09');
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(
		page.getByRole('heading', { name: 'Jobcenter Kreis Gütersloh (05754) · September 2026' })
	).toBeVisible();
	await expect(field(page, 'Facebook', 'Follower')).not.toHaveValue('');
	await page.screenshot({ path: `${SHOTS}/monatsmeldung-analyst.png`, fullPage: true });
});
