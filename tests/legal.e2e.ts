/** Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit: open to everyone, filled from the operator's file. */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startServer, tempPath } from './processes';

const PAGES = [
	{ path: '/impressum', title: 'Impressum', file: 'legal-impressum.png' },
	{ path: '/datenschutz', title: 'Datenschutzerklärung', file: 'legal-datenschutz.png' },
	{
		path: '/barrierefreiheit',
		title: 'Erklärung zur Barrierefreiheit',
		file: 'legal-barrierefreiheit.png'
	}
];

test('every legal page opens without login from the footer and shows the example as example', async ({
	page
}) => {
	await page.goto('/anmelden');
	for (const { path, title, file } of PAGES) {
		await page.goto('/anmelden');
		await page.getByRole('contentinfo').getByRole('link', { name: title }).click();
		await expect(page).toHaveURL(path);
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await expect(page.getByRole('note')).toContainText('Beispieltext – der Betreiber ersetzt ihn');
		await expect(page.getByRole('contentinfo').getByRole('link', { name: title })).toHaveAttribute(
			'aria-current',
			'page'
		);
		await page.screenshot({ path: `test-results/screenshots/${file}`, fullPage: true });
	}
});

test('the Impressum names the provider and who is responsible for the content', async ({
	page
}) => {
	await page.goto('/impressum');
	await expect(page.locator('address').first()).toContainText('Jobcenter Musterkreis');
	await expect(page.getByText('Erika Mustermann, Vorständin')).toBeVisible();
	await expect(page.getByRole('heading', { name: /§ 18 Abs. 2/ })).toBeVisible();
});

test('the privacy policy says what the app processes, with its real session and throttle times', async ({
	page
}) => {
	await page.goto('/datenschutz');
	await expect(page.getByText(/nach 120 Minuten ohne Anfrage/).first()).toBeVisible();
	await expect(page.getByText(/Diese Zähler löscht es nach 15 Minuten/)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Kein Tracking, keine Dritten' })).toBeVisible();
	await expect(
		page.getByRole('link', { name: 'datenschutz@jobcenter-musterkreis.example' })
	).toHaveAttribute('href', 'mailto:datenschutz@jobcenter-musterkreis.example');
	await expect(
		page.getByText('Landesbeauftragte für Datenschutz und Informationsfreiheit Musterland')
	).toBeVisible();
});

test('the accessibility statement has the feedback channel and the enforcement body (BITV 2.0 § 7)', async ({
	page
}) => {
	await page.goto('/barrierefreiheit');
	const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
	expect(headings.slice(1)).toEqual([
		'Stand der Vereinbarkeit mit den Anforderungen',
		'Nicht barrierefreie Inhalte',
		'Erstellung dieser Erklärung',
		'Feedback und Kontaktangaben',
		'Durchsetzungsverfahren'
	]);
	await expect(page.getByText(/teilweise vereinbar/)).toBeVisible();
	await expect(page.getByText('Diese Erklärung wurde am 30.11.2026 erstellt.')).toBeVisible();
	await expect(
		page.getByRole('link', { name: 'barrierefreiheit@jobcenter-musterkreis.example' })
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Kontaktformular' })).toHaveAttribute(
		'href',
		'https://www.jobcenter-musterkreis.example/barrierefreiheit/kontakt'
	);
	await expect(
		page.getByText('Durchsetzungsstelle für digitale Barrierefreiheit des Landes Musterland')
	).toBeVisible();
});

test('in English the frame and the generic text are English, the operator text is marked as German', async ({
	page
}) => {
	await page.goto('/barrierefreiheit');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Accessibility statement' })
	).toBeVisible();
	await expect(
		page.getByRole('heading', { name: 'Feedback and contact information' })
	).toBeVisible();
	await expect(
		page.getByText("The operator's details are available in German only.")
	).toBeVisible();
	await expect(page.locator('address[lang="de"]').first()).toContainText(
		'Beauftragte für Barrierefreiheit'
	);
	await page.screenshot({
		path: 'test-results/screenshots/legal-barrierefreiheit-en.png',
		fullPage: true
	});
});

test('a broken operator file is named field by field on the page and in the log, and a fix shows without restart', async ({
	page
}) => {
	const file = JSON.parse(readFileSync('data/betreiber.beispiel.json', 'utf8'));
	file.example = false;
	delete file.accessibility.feedback.email;
	file.operator.adress = file.operator.address;
	const path = tempPath('betreiber.json');
	writeFileSync(path, JSON.stringify(file, null, '\t'));
	const server = await startServer({
		DATABASE_PATH: tempPath('legal.db'),
		DEMO: '',
		OPERATOR_CONFIG: path
	});
	try {
		expect(server.stderr()).toContain(
			`Operator details ${path}: The field "accessibility.feedback.email" is missing.`
		);
		expect(server.stderr()).toContain('The field "operator.adress" is unknown');
		const response = await page.goto(server.url + '/barrierefreiheit');
		expect(response?.status()).toBe(200);
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('Die Angaben des Betreibers sind unvollständig');
		await expect(alert).toContainText('Das Feld „accessibility.feedback.email“ fehlt.');
		await expect(alert).toContainText(
			'Das Feld „operator.adress“ ist unbekannt; vielleicht ein Tippfehler?'
		);
		await expect(alert).not.toContainText(path);
		await expect(page.getByRole('heading', { name: 'Feedback und Kontaktangaben' })).toBeVisible();
		await page.screenshot({
			path: 'test-results/screenshots/legal-broken-config.png',
			fullPage: true
		});

		file.accessibility.feedback.email = 'barrierefreiheit@landkreis.example';
		file.operator.address = file.operator.adress;
		delete file.operator.adress;
		writeFileSync(path, JSON.stringify(file, null, '\t'));
		await page.reload();
		await expect(page.getByRole('alert')).toHaveCount(0);
		await expect(page.getByRole('note')).toHaveCount(0);
		await expect(
			page.getByRole('link', { name: 'barrierefreiheit@landkreis.example' })
		).toBeVisible();
		await page.screenshot({
			path: 'test-results/screenshots/legal-own-config.png',
			fullPage: true
		});
	} finally {
		await server.stop();
	}
});
