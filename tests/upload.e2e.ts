import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './session';

const FIXTURES = 'tests/fixtures/ingest';

function exportRows(code: string): string {
	return execFileSync(
		'npx',
		['tsx', 'src/cli/export.ts', '--jobcenter', code, '--from', '2010-01', '--to', '2026-10'],
		{ env: { ...process.env, DATABASE_PATH: process.env.E2E_DB }, encoding: 'utf8' }
	);
}

function count(sql: string): number {
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	try {
		return (sqlite.prepare(sql).get() as { n: number }).n;
	} finally {
		sqlite.close();
	}
}

async function shot(page: Page, name: string) {
	await page.screenshot({ path: `test-results/screenshots/upload-${name}.png`, fullPage: true });
}

async function chooseAndCheck(
	page: Page,
	file: string | { name: string; mimeType: string; buffer: Buffer }
) {
	await page.goto('/hochladen');
	await page.locator('input[type=file]').setInputFiles(file);
	await page.getByRole('button', { name: 'Datei prüfen' }).click();
	await page.waitForURL(/\/hochladen\?token=/);
}

test('a jobcenter user uploads a Windows-1252 file from Excel, commits it and undoes it', async ({
	page
}) => {
	const before = exportRows('05754');
	const known = (channel: string, month: string) =>
		count(`select count(*) as n from monthly_metric m join jobcenter j on j.id = m.jobcenter_id
			where j.code = '05754' and m.channel_id = '${channel}' and m.month = '${month}'`);
	const existing =
		known('facebook', '2026-01') + known('instagram', '2026-03') + known('xing', '2010-05');

	await signIn(page, 'jobcenter');
	await chooseAndCheck(page, `${FIXTURES}/metrics-jobcenter-05754-windows1252.csv`);
	const facts = page.locator('dl');
	await expect(facts).toContainText('Monatsdaten');
	await expect(facts).toContainText('Windows-1252');
	await expect(facts).toContainText('; (Semikolon)');
	await expect(facts).toContainText('deutsch (1.234,5)');
	const counts = page.getByLabel('Zeilen bei Übernahme');
	await expect(counts).toContainText(`${3 - existing} neu`);
	await expect(counts).toContainText(`${existing} geändert`);
	await expect(page.getByText('Die Datei ist fehlerfrei.')).toBeVisible();
	// Umlauts arrive intact, and the recovered leading zero is a warning, not an error.
	await expect(page.getByRole('cell', { name: 'Aktion „Frühjahr“ in Gütersloh' })).toBeVisible();
	await expect(page.getByRole('rowheader', { name: 'Beiträge' })).toBeVisible();
	await expect(page.getByText('1 × Kennung ohne führende Null')).toBeVisible();
	// Each changed row with its stored and new figures.
	expect(existing).toBeGreaterThan(0);
	const changed = page.locator('section', {
		has: page.getByRole('heading', { name: 'Geänderte Zeilen' })
	});
	await expect(changed.getByRole('row')).toHaveCount(existing + 1);
	if (known('facebook', '2026-01')) {
		await expect(changed.getByRole('row', { name: /Facebook/ })).toContainText('Beiträge:');
		await expect(changed.getByRole('row', { name: /Facebook/ })).toContainText('→ 1.234');
	}
	await shot(page, 'preview-jobcenter');

	await page.getByRole('button', { name: 'Übernehmen' }).click();
	await page.waitForURL(/\/lieferungen\?neu=\d+/);
	const id = new URL(page.url()).searchParams.get('neu');
	await expect(page.getByText(`Upload ${id} wurde übernommen`)).toBeVisible();
	const row = page.getByRole('row', { name: /metrics-jobcenter-05754-windows1252\.csv/ });
	await expect(row).toContainText('jobcenter@demo.test');
	await expect(row).toContainText('Windows-1252');
	expect(exportRows('05754')).not.toBe(before);
	expect(exportRows('05754')).toContain('05754,2026-01,facebook,1234,12,45678,');
	await shot(page, 'uploads-committed');

	await row.getByRole('button', { name: 'Rückgängig machen' }).click();
	await expect(page.getByText(`Upload ${id} wurde rückgängig gemacht`)).toBeVisible();
	await expect(
		page.getByRole('row', { name: /metrics-jobcenter-05754-windows1252\.csv/ })
	).toContainText('rückgängig gemacht am');
	expect(exportRows('05754')).toBe(before);
	await shot(page, 'uploads-undone');
	expect(
		count(
			`select count(*) as n from audit_log where action = 'upload' and detail like 'Upload ${id}:%'`
		)
	).toBe(1);
	expect(
		count(
			`select count(*) as n from audit_log where action = 'undo' and detail like 'Upload ${id},%'`
		)
	).toBe(1);
});

test('a foreign code reads exactly like an unknown one, and nothing is written', async ({
	page
}) => {
	const uploads = count('select count(*) as n from upload');
	const foreignRows = count(
		"select count(*) as n from monthly_metric m join jobcenter j on j.id = m.jobcenter_id where j.code = '05158'"
	);
	await signIn(page, 'jobcenter');
	await chooseAndCheck(page, `${FIXTURES}/metrics-foreign-code.csv`);
	await expect(
		page.getByText('Die Datei hat 2 Fehler, daher wird nichts gespeichert.')
	).toBeVisible();
	await expect(page.getByText('2 × Unbekannte Jobcenter-Kennung')).toBeVisible();
	const errors = page.locator('section', {
		has: page.getByRole('heading', { name: 'Fehler (2)' })
	});
	const foreign = errors.getByRole('row', { name: /05158/ });
	const unknown = errors.getByRole('row', { name: /99999/ });
	await expect(foreign.getByRole('cell').nth(3)).toHaveText('Unbekannte Jobcenter-Kennung.');
	await expect(unknown.getByRole('cell').nth(3)).toHaveText('Unbekannte Jobcenter-Kennung.');
	await expect(page.getByRole('button', { name: 'Übernehmen' })).toHaveCount(0);
	await shot(page, 'foreign-code');

	await page.getByRole('button', { name: 'Datei verwerfen' }).click();
	await expect(
		page.getByText('Die Datei wurde verworfen; es wurde nichts gespeichert.')
	).toBeVisible();
	expect(count('select count(*) as n from upload')).toBe(uploads);
	expect(
		count(
			"select count(*) as n from monthly_metric m join jobcenter j on j.id = m.jobcenter_id where j.code = '05158'"
		)
	).toBe(foreignRows);
});

test('an analyst sees the errors grouped by reason and downloads all of them for Excel', async ({
	page
}) => {
	const lines = ['Jobcenter;Monat;Kanal;Follower;Beiträge'];
	// More of one reason than the preview lists: the server gets only the first, the CSV all.
	for (let i = 1; i <= 137; i++) lines.push(`05754;2026-0${(i % 9) + 1};Fax ${i};1;1`);
	for (let i = 0; i < 3; i++) lines.push(`05158;13.2026;Facebook;1;1`);
	lines.push('05754;2026-01;Facebook;viele;1');
	await signIn(page, 'analyst');
	await chooseAndCheck(page, {
		name: 'fehlerhaft.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(lines.join('\n'), 'utf8')
	});
	await expect(page.getByText('Die Datei hat 141 Fehler')).toBeVisible();
	await expect(page.getByText('137 × Unbekannter Kanal')).toBeVisible();
	await expect(page.getByText('3 × Monat nicht lesbar')).toBeVisible();
	await expect(page.getByText('1 × Keine Zahl')).toBeVisible();
	await shot(page, 'errors-analyst');

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page
			.getByRole('link', { name: 'Alle Meldungen als CSV-Datei für Excel herunterladen' })
			.first()
			.click()
	]);
	expect(download.suggestedFilename()).toBe('Fehler-fehlerhaft.csv');
	const csv = readFileSync(await download.path(), 'utf8');
	expect(csv.startsWith('\uFEFFZeile;Spalte;Wert;Meldung\r\n')).toBe(true);
	const rows = csv.trim().split('\r\n');
	expect(rows).toHaveLength(142);
	expect(rows[1]).toBe('2;Kanal;Fax 1;Unbekannter Kanal.');
	expect(rows.at(-1)).toBe('142;Follower;viele;Keine Zahl.');
});

test('a file above the limit gets a clear message, with and without JavaScript', async ({
	page,
	browser
}) => {
	const big = {
		name: 'gross.csv',
		mimeType: 'text/csv',
		buffer: Buffer.alloc(21 * 1024 * 1024, 'a')
	};
	await signIn(page, 'jobcenter');
	await page.goto('/hochladen');
	await page.locator('input[type=file]').setInputFiles(big);
	const message = 'Die Datei ist zu groß: erlaubt sind höchstens 20 MB.';
	await expect(page.getByText(message)).toBeVisible();
	await shot(page, 'too-large');

	const context = await browser.newContext({ javaScriptEnabled: false });
	const plain = await context.newPage();
	await signIn(plain, 'jobcenter');
	await plain.goto('/hochladen');
	await plain.locator('input[type=file]').setInputFiles(big);
	await plain.getByRole('button', { name: 'Datei prüfen' }).click();
	await expect(plain.getByText(message)).toBeVisible();
	await context.close();
});

test('an empty file and a header of 100,000 columns get clear messages, not a preview', async ({
	page
}) => {
	await signIn(page, 'jobcenter');
	await page.goto('/hochladen');
	await page.locator('input[type=file]').setInputFiles({
		name: 'leer.csv',
		mimeType: 'text/csv',
		buffer: Buffer.alloc(0)
	});
	await page.getByRole('button', { name: 'Datei prüfen' }).click();
	await expect(page.getByText('Die Datei ist leer.')).toBeVisible();
	await expect(page.getByText('Bitte wählen Sie eine CSV-Datei aus.')).toHaveCount(0);
	await shot(page, 'empty');

	const header = ['Jobcenter', 'Monat', 'Kanal', 'Follower'];
	for (let i = header.length; i < 100_000; i++) header.push(`Spalte ${i + 1}`);
	await chooseAndCheck(page, {
		name: 'breit.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(`${header.join(';')}\r\n05754;2026-01;Facebook;1\r\n`, 'utf8')
	});
	await expect(
		page.getByText(
			'Die Kopfzeile hat mehr als 200 Spalten. Bitte laden Sie nur die Spalten der Vorlage hoch.'
		)
	).toBeVisible();
	// The page lists no columns: it stays small instead of the 19 MB it once was.
	expect((await page.content()).length).toBeLessThan(500_000);
	await shot(page, 'too-many-columns');
});

test('a file with a quotation mark left open is refused with its line, and nothing is written', async ({
	page
}) => {
	await signIn(page, 'jobcenter');
	const before = count('select count(*) as n from monthly_metric');
	// As Excel writes it, with a note typed into the channel cell that opens a quote and never closes.
	const lines = [
		'Jobcenter;Monat;Kanal;Follower;Beiträge',
		'05754;2026-01;Facebook;1200;14',
		'05754;2026-02;Facebook;1210;9',
		'05754;2026-03;"Facebook (neu;1230;11',
		'05754;2026-04;Facebook;1235;12'
	];
	await chooseAndCheck(page, {
		name: 'monat-kaputt.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8')
	});
	const message = page.getByText(
		'Die Datei ist kein lesbares CSV (ein Anführungszeichen wird bis zum Dateiende nicht geschlossen). Bitte prüfen Sie die Anführungszeichen.'
	);
	await expect(message).toBeVisible();
	await expect(page.getByRole('cell', { name: '4', exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: /übernehmen/i })).toHaveCount(0);
	expect(count('select count(*) as n from monthly_metric')).toBe(before);
	await shot(page, 'open-quote');
});

test('the templates open in Excel: semicolons, a BOM and the German headers', async ({ page }) => {
	await signIn(page, 'jobcenter');
	const metrics = await page.request.get('/hochladen/vorlage/kennzahlen');
	expect(metrics.headers()['content-type']).toContain('text/csv');
	const text = await metrics.text();
	expect(text.startsWith('\uFEFFJobcenter;Monat;Kanal;Follower;Beiträge')).toBe(true);
	expect(text.split('\r\n')[1].startsWith('05754;')).toBe(true);
	expect((await page.request.get('/hochladen/vorlage/verzeichnis')).status()).toBe(403);
	await page.goto('/hochladen');
	await expect(page.getByRole('link', { name: 'Monatsdaten (CSV)' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Jobcenter-Verzeichnis (CSV)' })).toHaveCount(0);
	await shot(page, 'form-jobcenter');
});

test('an analyst keeps the register: add, refuse bad input, change the eLb, deactivate', async ({
	page
}) => {
	await signIn(page, 'analyst');
	await page.goto('/jobcenter');
	await expect(page.getByRole('heading', { name: 'Jobcenter-Verzeichnis' })).toBeVisible();
	await page.getByLabel('Jobcenter suchen').fill('gütersloh');
	await page.getByRole('button', { name: 'Filtern' }).click();
	await expect(page.getByRole('rowheader', { name: 'Jobcenter Kreis Gütersloh' })).toBeVisible();

	const add = page.locator('section', {
		has: page.getByRole('heading', { name: 'Jobcenter hinzufügen' })
	});
	await add.getByLabel('Kennung').fill('09990');
	await add.getByLabel('Name').fill('Jobcenter Musterstadt');
	await add.getByLabel('eLb', { exact: true }).fill('0');
	await add.getByRole('button', { name: 'Jobcenter hinzufügen' }).click();
	await expect(add.getByText('eLb: Der Wert muss größer als 0 sein.')).toBeVisible();

	await add.getByLabel('eLb', { exact: true }).fill('12.345');
	await add.getByLabel('Vergleichsring').fill('Ring Muster');
	await add.getByRole('button', { name: 'Jobcenter hinzufügen' }).click();
	await expect(page.getByText('Jobcenter 09990 wurde gespeichert.')).toBeVisible();
	// A new jobcenter may sort onto any page: the register shows it alone, found by its code.
	await expect(page).toHaveURL(/\/jobcenter\?suche=09990&gespeichert=09990$/);
	await expect(page.getByLabel('Jobcenter suchen')).toHaveValue('09990');
	const row = page.getByRole('row', { name: /09990/ });
	await expect(row).toContainText('12.345');

	await row.getByRole('link', { name: /Bearbeiten/ }).click();
	const edit = page.locator('section', { has: page.getByRole('heading', { name: /bearbeiten/ }) });
	await edit.getByLabel('eLb', { exact: true }).fill('13000');
	await edit.getByLabel('eLb gültig ab').fill('2026-12');
	await edit.getByRole('button', { name: 'Änderungen speichern' }).click();
	await expect(page.getByText('Jobcenter 09990 wurde gespeichert.')).toBeVisible();
	await expect(page.getByRole('row', { name: /09990/ })).toContainText('13.000');
	await expect(page.getByRole('row', { name: /09990/ })).toContainText('seit Dez. 2026');

	await page
		.getByRole('row', { name: /09990/ })
		.getByRole('button', { name: /Deaktivieren/ })
		.click();
	await expect(page.getByText('Jobcenter 09990 ist deaktiviert')).toBeVisible();
	await expect(page.getByRole('row', { name: /09990/ })).toContainText('deaktiviert');
	await shot(page, 'register-analyst');
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: 'test-results/screenshots/upload-register-analyst-top.png' });

	await page.goto('/protokoll');
	await expect(page.getByRole('cell', { name: 'Jobcenter angelegt' }).first()).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Jobcenter deaktiviert' }).first()).toBeVisible();
});

test('an analyst sees what a register file would change, field by field, before taking it', async ({
	page
}) => {
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	const stored = sqlite
		.prepare(`select name, state, carrier, elb, ring from jobcenter where code = '05754'`)
		.get() as { name: string; state: string; carrier: string; elb: number; ring: string | null };
	sqlite.close();
	const file = [
		'Kennung;Bezeichnung;Bundesland;Trägerform;eLb;Vergleichsring;eLb gültig ab',
		`05754;${stored.name};${stored.state};${stored.carrier};${stored.elb + 1000};;2026-06`
	].join('\r\n');
	const before = count(`select count(*) as n from upload`);

	await signIn(page, 'analyst');
	await chooseAndCheck(page, {
		name: 'verzeichnis.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(file, 'utf8')
	});
	await expect(page.locator('dl')).toContainText('Jobcenter-Verzeichnis');
	await expect(page.getByLabel('Zeilen bei Übernahme')).toContainText('1 geändert');
	const changes = page.locator('section', {
		has: page.getByRole('heading', { name: 'Geänderte Zeilen' })
	});
	const row = changes.getByRole('row', { name: /05754/ });
	await expect(row).toContainText(`${stored.name} (05754)`);
	const thousands = (n: number) => new Intl.NumberFormat('de-DE').format(n);
	// The ring column is empty: the jobcenter leaves its ring.
	expect(stored.ring).not.toBeNull();
	await expect(row).toContainText(`Vergleichsring: ${stored.ring} → kein Ring`);
	await expect(row).toContainText(
		`eLb ab Juni 2026: ${thousands(stored.elb)} → ${thousands(stored.elb + 1000)}`
	);
	await expect(row).not.toContainText('Name:');
	await changes.scrollIntoViewIfNeeded();
	await shot(page, 'preview-register-changes');
	// The check wrote nothing, not even the upload.
	expect(count(`select count(*) as n from upload`)).toBe(before);
	expect(
		count(`select count(*) as n from jobcenter where code = '05754' and elb = ${stored.elb}`)
	).toBe(1);
	await page.getByRole('button', { name: 'Abbrechen' }).click();
	await expect(page.getByText('Die Datei wurde verworfen')).toBeVisible();
});

test('an analyst deletes stored rows after seeing how many, and undoes the deletion', async ({
	page
}) => {
	const select = async () => {
		await page.getByLabel('Jobcenter').selectOption('05158');
		await page.getByLabel('Von (Monat)').fill('2026-01');
		await page.getByLabel('Bis (Monat)').fill('2026-03');
		await page.getByLabel('Facebook').check();
		await page.getByRole('button', { name: 'Betroffene Zeilen zählen' }).click();
	};
	await signIn(page, 'analyst');
	await page.goto('/lieferungen');
	await page.getByRole('link', { name: 'Gespeicherte Daten löschen …' }).click();
	await select();
	const counted = page.getByText(
		/^\d+ gespeicherte Zeilen \(Jobcenter, Kanal, Monat\) fallen unter diese Auswahl\.$/
	);
	await expect(counted).toBeVisible();
	const n = Number((await counted.textContent())!.split(' ')[0]);
	expect(n).toBeGreaterThan(0);
	await page.screenshot({ path: 'test-results/screenshots/delete-confirm.png', fullPage: true });
	await page.getByRole('button', { name: `${n} Zeilen löschen` }).click();
	await expect(
		page.getByText(new RegExp(`^${n} Zeilen wurden gelöscht \\(Upload \\d+\\)`))
	).toBeVisible();
	await page.getByRole('button', { name: 'Betroffene Zeilen zählen' }).click();
	await expect(page.getByText('Für diese Auswahl sind keine Daten gespeichert.')).toBeVisible();

	await page.goto('/lieferungen');
	const row = page
		.getByRole('row')
		.filter({ hasText: 'Löschung 05158, 2026-01 bis 2026-03, facebook' });
	await expect(row).toContainText('Löschung gespeicherter Daten');
	await row.getByRole('button', { name: /Rückgängig machen/ }).click();
	await expect(page.getByRole('status')).toContainText('rückgängig');
	await page.goto('/lieferungen/loeschen');
	await select();
	await expect(
		page.getByText(`${n} gespeicherte Zeilen (Jobcenter, Kanal, Monat) fallen unter diese Auswahl.`)
	).toBeVisible();
});
