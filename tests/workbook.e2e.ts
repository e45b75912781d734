/** Excel workbooks through the upload page: the template downloaded, a German workbook previewed and committed, a faulty one located. */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { faultyMetricsWorkbook, germanMetricsWorkbook } from './fixtures/workbooks';
import { signIn } from './session';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function shot(page: Page, name: string) {
	await page.screenshot({ path: `test-results/screenshots/workbook-${name}.png`, fullPage: true });
}

async function upload(page: Page, name: string, buffer: Buffer) {
	await page.goto('/hochladen');
	await page.locator('input[type=file]').setInputFiles({ name, mimeType: XLSX, buffer });
	await page.getByRole('button', { name: 'Datei prüfen' }).click();
	await page.waitForURL(/\/hochladen\?token=/);
}

test('a jobcenter user uploads a German Excel workbook, sees its preview and commits it', async ({
	page
}) => {
	await signIn(page, 'jobcenter');
	await page.goto('/hochladen');
	await expect(page.locator('input[type=file]')).toHaveAttribute('accept', /\.xlsx/);
	await expect(
		page.getByText('Aus einer Excel-Arbeitsmappe wird das erste Blatt gelesen')
	).toBeVisible();

	// The template comes as a workbook whose first sheet names the user's own jobcenter.
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Monatsdaten (Excel)' }).click();
	const template = await download;
	expect(template.suggestedFilename()).toBe('Vorlage-Monatsdaten.xlsx');
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(readFileSync(await template.path()) as unknown as ArrayBuffer);
	expect(workbook.worksheets.map((s) => s.name)).toEqual(['Kennzahlen', 'Erläuterungen']);
	expect(workbook.worksheets[0].getCell('A2').value).toBe('05754');

	await upload(page, 'Kennzahlen Oktober.xlsx', await germanMetricsWorkbook());
	const facts = page.locator('dl');
	await expect(facts).toContainText('Excel-Arbeitsmappe (.xlsx)');
	await expect(facts).toContainText('Kennzahlen');
	await expect(facts).toContainText('deutsch (1.234,5)');
	await expect(page.getByText('Die Datei ist fehlerfrei.')).toBeVisible();
	// The header's line break, the date cell and the formula arrive as the sheet shows them.
	await expect(page.getByRole('rowheader', { name: /Personal-\s*stunden/ })).toBeVisible();
	await expect(page.getByRole('cell', { name: '2026-08-01' })).toBeVisible();
	await expect(page.getByRole('cell', { name: '46678' })).toBeVisible();
	await shot(page, 'preview');

	await page.getByRole('button', { name: 'Übernehmen' }).click();
	await page.waitForURL(/\/lieferungen\?neu=\d+/);
	await expect(page.getByRole('row', { name: /Kennzahlen Oktober\.xlsx/ })).toContainText(
		'Excel-Arbeitsmappe (.xlsx)'
	);
	await shot(page, 'committed');
});

test('errors in a workbook name the sheet, the row and the column letter', async ({ page }) => {
	await signIn(page, 'jobcenter');
	await upload(page, 'Fehler.xlsx', await faultyMetricsWorkbook());
	await expect(page.getByText('Die Datei hat 3 Fehler')).toBeVisible();
	const errors = page.locator('section', { has: page.getByRole('heading', { name: /Fehler/ }) });
	const row = errors.getByRole('row', { name: /ca\. 1300/ });
	await expect(row).toContainText('3');
	await expect(row).toContainText('D (Follower)');
	await expect(row).toContainText('Keine Zahl.');
	await shot(page, 'errors');
});
