/** "Alle Berichte als PDF" from the round page: the batch in the background, its progress, one batch per round, and the ZIP. */
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { tempPath } from './processes';
import { ensureReportRound, REPORT_RING } from './reportRound';
import { signIn } from './session';

const shot = (page: Page, name: string) =>
	page.screenshot({ path: `test-results/screenshots/report-batch-${name}.png`, fullPage: true });

function members(): { code: string; name: string }[] {
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	const rows = sqlite
		.prepare('select code, name from jobcenter where ring = ? order by code')
		.all(REPORT_RING) as { code: string; name: string }[];
	sqlite.close();
	return rows;
}

test.describe.configure({ timeout: 240_000 });

test('an analyst starts all reports of a round, follows the progress and downloads one PDF per participant as ZIP', async ({
	page,
	baseURL
}) => {
	const id = ensureReportRound();
	const participants = members();
	await signIn(page, 'analyst');
	await page.goto(`/runden/${id}`);
	await shot(page, 'round-page');
	await page.getByRole('button', { name: 'Alle Berichte als PDF' }).click();
	await page.waitForURL(`/runden/${id}/berichte`);
	await expect(page.getByText(`von ${participants.length} Berichten erstellt`)).toBeVisible();
	await shot(page, 'running');

	// One batch per round: a second start while it runs is refused with a sentence that says so.
	const again = await page.request.post(`/runden/${id}/berichte?/start`, {
		form: { umfang: 'jobcenter' },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(again.status()).toBe(409);
	expect(await again.text()).toContain('werden die Berichte schon erstellt');
	// Without JavaScript the status page reloads itself while the batch runs.
	const html = await (await page.request.get(`/runden/${id}/berichte`)).text();
	expect(html).toMatch(/<noscript><meta http-equiv="refresh" content="3"/);

	const link = page.getByRole('link', { name: /ZIP-Datei herunterladen/ });
	await expect(link).toBeVisible({ timeout: 200_000 });
	await expect(page.getByRole('status')).toContainText(
		`Fertig: ${participants.length} Berichte als PDF`
	);
	await shot(page, 'done');
	const axe = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(
		axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)
	).toEqual([]);

	const zip = await page.request.get((await link.getAttribute('href'))!);
	expect(zip.status()).toBe(200);
	expect(zip.headers()['content-type']).toBe('application/zip');
	const file = tempPath('berichte.zip');
	writeFileSync(file, await zip.body());
	const folder = dirname(file);
	execFileSync('unzip', ['-q', file, '-d', join(folder, 'pdf')]);
	expect(readdirSync(join(folder, 'pdf')).sort()).toEqual(
		participants.map((p) => `runde-${id}-${p.code}.pdf`)
	);
	for (const p of participants) {
		const text = execFileSync('pdftotext', [join(folder, 'pdf', `runde-${id}-${p.code}.pdf`), '-'])
			.toString()
			.replace(/\s+/g, ' ');
		expect(text, p.code).toContain(p.name);
		expect(text, p.code).toContain('Zusammenfassung');
	}
	execFileSync('pdftoppm', [
		'-png',
		'-r',
		'50',
		'-f',
		'1',
		'-l',
		'1',
		join(folder, 'pdf', `runde-${id}-${participants[0].code}.pdf`),
		'test-results/screenshots/report-batch-pdf'
	]);

	// Jobcenter users have no part in it.
	await page.context().clearCookies();
	await signIn(page, 'jobcenter');
	expect((await page.request.get(`/runden/${id}/berichte/zip`)).status()).toBe(403);
	expect((await page.request.get(`/runden/${id}/berichte`)).status()).toBe(403);
});
