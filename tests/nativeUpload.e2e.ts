import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './session';

const NATIVE = 'tests/fixtures/native';
const FB_POSTS = `${NATIVE}/Dec-01-2024_Mar-15-2025_1099511627776.csv`;
const FB_REACH = `${NATIVE}/Facebook_Reichweite_Excel.csv`;
const IG_POSTS = `${NATIVE}/Instagram_Beitraege_Jobcenter.csv`;

function query<T>(sql: string, ...params: unknown[]): T[] {
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	try {
		return sqlite.prepare(sql).all(...params) as T[];
	} finally {
		sqlite.close();
	}
}

const stored = (code: string, channel: string, month: string) =>
	query<Record<string, number | null>>(
		`select m.posts, m.impressions, m.reach, m.reactions, m.comments, m.shares, m.followers
		from monthly_metric m join jobcenter j on j.id = m.jobcenter_id
		where j.code = ? and m.channel_id = ? and m.month = ?`,
		code,
		channel,
		month
	)[0] ?? null;

async function shot(page: Page, name: string) {
	await page.screenshot({ path: `test-results/screenshots/native-${name}.png`, fullPage: true });
}

/** A file's section in the preview, found by its heading (the file's name). */
const fileSection = (page: Page, name: string) =>
	page.locator('section', { has: page.getByRole('heading', { name, exact: true }) });

test('a jobcenter user uploads a Meta post export and a daily series together, commits, and finds the months', async ({
	page
}) => {
	const uploads = query<{ n: number }>('select count(*) as n from upload')[0].n;
	const januaryBefore = stored('05754', 'facebook', '2025-01');
	const marchBefore = stored('05754', 'facebook', '2025-03');
	await signIn(page, 'jobcenter');
	await page.goto('/hochladen');
	// A jobcenter user has no jobcenter to choose: the exports are the own jobcenter's.
	await expect(page.getByLabel('Jobcenter (nur für Exporte der Plattformen)')).toHaveCount(0);
	await page.locator('input[type=file]').setInputFiles([FB_POSTS, FB_REACH]);
	await page.getByRole('button', { name: 'Datei prüfen' }).click();
	await page.waitForURL(/\/hochladen\?token=/);

	await expect(
		page.getByRole('heading', { name: 'Vorschau: 2 Export(e) der Plattformen' })
	).toBeVisible();
	await expect(page.getByText('Die Exporte sind fehlerfrei.')).toBeVisible();
	await expect(page.locator('dl').first()).toContainText('05754');

	const posts = fileSection(page, 'Dec-01-2024_Mar-15-2025_1099511627776.csv');
	await expect(posts).toContainText('Meta-Beitragsexport (Facebook)');
	await expect(posts).toContainText('01.12.2024 – 15.03.2025 (aus dem Dateinamen)');
	const mapping = posts.getByRole('table', { name: 'Zuordnung der Spalten' });
	await expect(mapping.getByRole('row', { name: /Views/ })).toContainText('Impressionen');
	await expect(mapping.getByRole('row', { name: /Post ID/ })).toContainText(
		'Beiträge (Anzahl der Zeilen)'
	);
	await expect(posts).toContainText(
		'Vollständige Monate: Dezember 2024, Januar 2025, Februar 2025'
	);
	await expect(posts).toContainText(
		'März 2025 ist nur teilweise enthalten (15 von 31 Tagen, 01.03.2025 bis 15.03.2025) und wird nicht gespeichert.'
	);
	await expect(posts).toContainText('Die Datei hat zwei Spalten „Views“ mit verschiedenen Werten.');

	const daily = fileSection(page, 'Facebook_Reichweite_Excel.csv');
	await expect(daily).toContainText('Meta-Tageswerte · „Facebook reach“');
	await expect(daily).toContainText('Facebook');
	await expect(daily.getByRole('table', { name: 'Zuordnung der Spalten' })).toContainText(
		'Reichweite'
	);
	await expect(daily).toContainText('Vollständige Monate: Januar 2025, Februar 2025');
	await expect(daily).toContainText('März 2025 ist nur teilweise enthalten');
	await expect(daily).toContainText('Reichweite fehlt im Februar 2025 an 1 Tag(en)');
	// The daily reach (10 × (1 + … + 31)) beats the posts' sum; the stored value stands beside it.
	const rows = daily.getByRole('table', { name: 'Monatswerte, bisher → neu' });
	const before = januaryBefore?.reach == null ? '–' : januaryBefore.reach.toLocaleString('de-DE');
	await expect(rows.getByRole('row', { name: /Januar 2025/ })).toContainText(
		`Reichweite: ${before} → 4.960`
	);
	await shot(page, 'preview-jobcenter');

	await page.getByRole('button', { name: 'Übernehmen' }).click();
	await page.waitForURL(/\/lieferungen\?neu=\d+/);
	const id = new URL(page.url()).searchParams.get('neu');
	await expect(page.getByText(`Upload ${id} wurde übernommen`)).toBeVisible();
	const row = page.getByRole('row', { name: /Dec-01-2024_Mar-15-2025/ });
	await expect(row).toContainText('Meta-Beitragsexport (Facebook), Meta-Tageswerte (Facebook)');
	expect(query<{ n: number }>('select count(*) as n from upload')[0].n).toBe(uploads + 1);
	expect(stored('05754', 'facebook', '2025-01')).toMatchObject({
		posts: 2,
		impressions: 2000,
		reach: 4960,
		reactions: 62,
		comments: 6,
		shares: 3
	});
	// March is only partly in both files: stored as it was.
	expect(stored('05754', 'facebook', '2025-03')).toEqual(marchBefore);

	// On the dashboard: January's engagement rate is (62 + 6 + 3) ÷ 2000 × 100 = 3.55 %.
	await page.goto('/kanaele?von=2024-12&bis=2025-02');
	const facebook = page.locator('article', {
		has: page.getByRole('heading', { name: 'Facebook' })
	});
	await facebook.getByText('Tabelle anzeigen').click();
	await expect(facebook.getByRole('row', { name: /Jan\.? 2025/ })).toContainText('3,6');
	await shot(page, 'dashboard');

	// Undone as a whole: January is as it was.
	await page.goto('/lieferungen');
	await page
		.getByRole('row', { name: /Dec-01-2024_Mar-15-2025/ })
		.getByRole('button', { name: 'Rückgängig machen' })
		.click();
	await expect(page.getByText(`Upload ${id} wurde rückgängig gemacht`)).toBeVisible();
	expect(stored('05754', 'facebook', '2025-01')).toEqual(januaryBefore);
});

test('an analyst chooses the jobcenter, states the missing period and a channel, and commits', async ({
	page
}) => {
	const [target] = query<{ code: string; name: string }>(
		"select code, name from jobcenter where active = 1 and code <> '05754' order by name limit 1"
	);
	const untitled = readFileSync(`${NATIVE}/Instagram_Aufrufe.csv`, 'utf8').replace(
		'"Instagram views"',
		'"Aufrufe"'
	);
	const files = [
		{
			name: 'Instagram_Beitraege_Jobcenter.csv',
			mimeType: 'text/csv',
			buffer: readFileSync(IG_POSTS)
		},
		{ name: 'Aufrufe.csv', mimeType: 'text/csv', buffer: Buffer.from(untitled) }
	];
	await signIn(page, 'analyst');
	await page.goto('/hochladen');
	await page.locator('input[type=file]').setInputFiles(files);
	await page.getByRole('button', { name: 'Datei prüfen' }).click();
	// Without a jobcenter nothing is staged; the sentence stands next to the select.
	await expect(
		page.getByText('Bitte wählen Sie das Jobcenter, zu dem die Exporte gehören.').last()
	).toBeVisible();

	await page.locator('input[type=file]').setInputFiles(files);
	await page.getByLabel('Jobcenter (nur für Exporte der Plattformen)').selectOption(target.code);
	await page.getByRole('button', { name: 'Datei prüfen' }).click();
	await page.waitForURL(/\/hochladen\?token=/);
	await expect(page.getByText('Die Exporte haben 2 Fehler')).toBeVisible();
	await expect(page.locator('dl').first()).toContainText(`${target.name} (${target.code})`);
	const igPosts = fileSection(page, 'Instagram_Beitraege_Jobcenter.csv');
	await expect(igPosts).toContainText('Meta-Beitragsexport (Instagram)');
	await expect(igPosts).toContainText('Der Zeitraum des Exports steht nicht im Dateinamen.');
	await expect(page.locator('#period-error')).toContainText('keinen Zeitraum im Dateinamen');
	const views = fileSection(page, 'Aufrufe.csv');
	await expect(views).toContainText(
		'Aus der Datei geht nicht hervor, zu welchem Kanal sie gehört.'
	);
	await expect(page.getByRole('button', { name: 'Übernehmen' })).toHaveCount(0);
	await shot(page, 'preview-analyst-missing');

	await page.getByLabel('Von').fill('2025-01-01');
	await page.getByLabel('Bis').fill('2025-02-28');
	await views.getByLabel('Kanal').selectOption('instagram');
	await page.getByRole('button', { name: 'Mit diesen Angaben erneut prüfen' }).click();
	await expect(page.getByText('Die Exporte sind fehlerfrei.')).toBeVisible();
	await expect(igPosts).toContainText('01.01.2025 – 28.02.2025 (angegeben)');
	await expect(igPosts).toContainText('Vollständige Monate: Januar 2025, Februar 2025');
	await expect(views).toContainText('Vollständige Monate: März 2025');
	await expect(views.getByLabel('Kanal')).toHaveValue('instagram');
	await shot(page, 'preview-analyst');

	await page.getByRole('button', { name: 'Übernehmen' }).click();
	await page.waitForURL(/\/lieferungen\?neu=\d+/);
	await expect(page.getByRole('row', { name: /Instagram_Beitraege_Jobcenter/ })).toContainText(
		'Meta-Beitragsexport (Instagram), Meta-Tageswerte (Instagram)'
	);
	expect(stored(target.code, 'instagram', '2025-01')).toMatchObject({
		posts: 2,
		impressions: 1200
	});
	expect(stored(target.code, 'instagram', '2025-03')).toMatchObject({ impressions: 3100 });
});

test('own files and exports are not mixed in one upload', async ({ page }) => {
	const uploads = query<{ n: number }>('select count(*) as n from upload')[0].n;
	await signIn(page, 'jobcenter');
	await page.goto('/hochladen');
	await page
		.locator('input[type=file]')
		.setInputFiles([FB_POSTS, 'tests/fixtures/ingest/metrics-jobcenter-05754-windows1252.csv']);
	await page.getByRole('button', { name: 'Datei prüfen' }).click();
	await expect(
		page.getByText(
			'Unter den Dateien sind Exporte der Plattformen und Dateien im Benchlearn-Format (metrics-jobcenter-05754-windows1252.csv).'
		)
	).toBeVisible();
	expect(query<{ n: number }>('select count(*) as n from upload')[0].n).toBe(uploads);
	await shot(page, 'mixed');
});
