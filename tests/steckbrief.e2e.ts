/**
 * Practice profiles (Steckbriefe): a jobcenter manager fills in the form (with and without
 * JavaScript), reads the round's profiles under pseudonyms, finds its learning partners' profiles
 * in the report, and compares itself with the jobcenters that share a goal.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { ensureDemoProfiles, ensureReportRound } from './reportRound';
import { signIn } from './session';

const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT}`;

async function serious(page: Page): Promise<string[]> {
	const result = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${page.url()}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function stored(round: number): { goals: string; worked: string; reply_weekends: number | null } {
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	const row = sqlite
		.prepare(
			`select goals, worked, reply_weekends from practice_profile p join jobcenter j on j.id = p.jobcenter_id
			 where p.round_id = ? and j.code = '05754'`
		)
		.get(round) as { goals: string; worked: string; reply_weekends: number | null };
	sqlite.close();
	return row;
}

/** Counted here in SQL: the active jobcenters whose latest profile shares a goal with the demo jobcenter's. */
function sharingGoal(): number {
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	const rows = sqlite
		.prepare(
			`select j.id, j.code, j.active, p.goals from practice_profile p
			 join round r on r.id = p.round_id join jobcenter j on j.id = p.jobcenter_id
			 order by r.to_month, r.id`
		)
		.all() as { id: number; code: string; active: number; goals: string }[];
	sqlite.close();
	const latest = new Map(rows.map((r) => [r.id, r]));
	const own = new Set(JSON.parse([...latest.values()].find((r) => r.code === '05754')!.goals));
	return [...latest.values()].filter(
		(r) => r.active === 1 && (JSON.parse(r.goals) as string[]).some((g) => own.has(g))
	).length;
}

test.describe.configure({ mode: 'serial' });
// Each test runs axe once or twice, which takes a while on a busy machine.
test.setTimeout(90_000);

test('the jobcenter fills in its Steckbrief, and a wrong field is named in German', async ({
	page
}) => {
	const round = ensureReportRound();
	await signIn(page, 'jobcenter');
	await page.goto(`/runden/${round}`);
	await page.getByRole('link', { name: 'Steckbrief bearbeiten' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Steckbrief: /);
	await expect(page.getByText('sehen die anderen Jobcenter der Runde')).toBeVisible();
	await page.waitForLoadState('networkidle');

	// The demo may have filled in the profile already: start from no goal at all.
	for (const box of await page.getByRole('checkbox').all()) await box.uncheck();
	await page.getByLabel('Mehr Bewerbungen für Ausbildungsplätze').check();
	await page.getByLabel('Image der Behörde').check();
	await page.getByLabel('Weitere Ziele').fill('Fachkräfte für das eigene Haus');
	await page
		.getByLabel('Zielgruppen')
		.fill('Schülerinnen und Schüler der Abschlussklassen\nEltern');
	await page.getByLabel('Instagram').fill('Ausbildung im Jobcenter, Reels mit Azubis');
	await page.getByLabel('Facebook').fill('Termine und Infoabende');
	await page.getByLabel('Anzahl Personen').fill('3');
	await page.getByLabel('Stunden pro Woche, alle zusammen').fill('18');
	await page
		.getByLabel('Wer beantwortet Kommentare und Nachrichten?')
		.fill('Die Redaktion im Team Presse');
	await page.getByLabel('Antwort in der Regel innerhalb von … Stunden').fill('24');
	await page.getByRole('radio', { name: 'nein' }).check();
	await page.getByLabel('Was hat gut funktioniert?').fill('Reels mit Azubis aus dem Haus.');
	await page.getByRole('button', { name: 'Steckbrief speichern' }).click();
	await expect(page.getByText('Der Steckbrief ist gespeichert.')).toBeVisible();
	expect(JSON.parse(stored(round).goals)).toEqual(['apprenticeships', 'image']);
	expect(stored(round).reply_weekends).toBe(0);
	// The fields keep what was saved.
	await expect(page.getByLabel('Image der Behörde')).toBeChecked();
	await expect(page.getByLabel('Instagram')).toHaveValue(
		'Ausbildung im Jobcenter, Reels mit Azubis'
	);
	expect(await serious(page)).toEqual([]);
	await page.screenshot({ path: 'test-results/screenshots/steckbrief-form.png', fullPage: true });

	// A browser keeps to maxlength; a hand-made post does not, and the server names the field.
	const answer = await page.request.post(`/runden/${round}/steckbrief?/speichern`, {
		headers: { origin: ORIGIN, accept: 'text/html' },
		form: { goals: 'image', worked: 'x'.repeat(2001), reply_hours: '24' }
	});
	expect(answer.status()).toBe(400);
	expect(await answer.text()).toContain(
		'Was hat gut funktioniert?: Der Wert ist zu lang: höchstens 2000 Zeichen.'
	);
	expect(stored(round).worked).toBe('Reels mit Azubis aus dem Haus.');

	await page.getByLabel('Antwort in der Regel innerhalb von … Stunden').fill('zwei Tage');
	await page.getByRole('button', { name: 'Steckbrief speichern' }).click();
	await expect(page.getByRole('alert').first()).toContainText(
		'Antwort in der Regel innerhalb von … Stunden: „zwei Tage“ ist keine gültige Zahl.'
	);
	await expect(page.getByLabel('Antwort in der Regel innerhalb von … Stunden')).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await page.screenshot({ path: 'test-results/screenshots/steckbrief-error.png', fullPage: true });
});

test('the form works without JavaScript', async ({ browser }) => {
	const round = ensureReportRound();
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/anmelden');
	await page.getByLabel('E-Mail-Adresse').fill('jobcenter@demo.test');
	await page.getByLabel('Passwort').fill('demo-jobcenter');
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await page.waitForURL((url) => url.pathname !== '/anmelden');
	await page.goto(`/runden/${round}/steckbrief`);
	await page.getByLabel('Arbeitgeber erreichen').check();
	await page.getByLabel('Was hat nicht funktioniert?').fill('Lange Texte zu Rechtsänderungen.');
	await page.getByRole('button', { name: 'Steckbrief speichern' }).click();
	await expect(page.getByText('Der Steckbrief ist gespeichert.')).toBeVisible();
	expect(JSON.parse(stored(round).goals)).toEqual(['apprenticeships', 'employers', 'image']);
	await page.screenshot({ path: 'test-results/screenshots/steckbrief-no-js.png', fullPage: true });
	await context.close();
});

test('members read the round’s profiles under pseudonyms, and the report shows the partners’ profiles', async ({
	page
}) => {
	const round = ensureReportRound();
	ensureDemoProfiles(round);
	await signIn(page, 'jobcenter');

	await page.goto(`/runden/${round}/steckbriefe`);
	const headings = page.locator('section.card h2');
	// Own first, by name; the others under their pseudonyms (nobody in the demo agreed to be named).
	await expect(headings.first()).toContainText('(Ihr Jobcenter)');
	const others = (await headings.allTextContents()).slice(1).map((t) => t.trim());
	expect(others.length).toBeGreaterThan(2);
	for (const label of others) expect(label).toMatch(/^Jobcenter [A-Z]{1,2}$/);
	expect(await serious(page)).toEqual([]);
	await page.screenshot({ path: 'test-results/screenshots/steckbriefe-runde.png', fullPage: true });
	await page
		.locator('table')
		.screenshot({ path: 'test-results/screenshots/steckbriefe-ueberblick.png' });

	await page.goto(`/runden/${round}/bericht?jc=05754`);
	const section = page.locator('section', {
		has: page.getByRole('heading', { name: 'So arbeitet Ihr Lernpartner' })
	});
	await expect(section).toBeVisible();
	// Every partner named in the table has its profile, under the same pseudonym.
	const partnerCells = await page
		.locator('section[aria-labelledby="partners"] tbody td')
		.allTextContents();
	const partners = new Set(
		partnerCells
			.flatMap((t) => t.split(',').map((s) => s.trim()))
			.filter((s) => /^Jobcenter [A-Z]+$/.test(s))
	);
	expect(partners.size).toBeGreaterThan(0);
	const profileHeadings = (await section.locator('h3').allTextContents()).map((t) => t.trim());
	expect(new Set(profileHeadings)).toEqual(partners);
	await expect(section.locator('article').first()).toContainText('Lernpartner bei:');
	await expect(section.locator('dl.profile').first()).toContainText('Ziele');
	expect(await serious(page)).toEqual([]);
	await section.screenshot({ path: 'test-results/screenshots/steckbrief-bericht.png' });
});

test('"gleiche Ziele" compares with the jobcenters sharing a goal', async ({ page }) => {
	const round = ensureReportRound();
	ensureDemoProfiles(round);
	await signIn(page, 'jobcenter');
	await page.goto('/');
	await page
		.getByLabel('Vergleichsgruppe', { exact: true })
		.selectOption({ label: 'gleiche Ziele' });
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/vergleich=goals/);
	await expect(
		page.getByText(`verglichen mit: gleiche Ziele (${sharingGoal()} Jobcenter)`)
	).toBeVisible();
	await page.screenshot({
		path: 'test-results/screenshots/steckbrief-gleiche-ziele.png',
		fullPage: true
	});
});
