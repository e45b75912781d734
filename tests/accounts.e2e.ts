import { expect, test } from '@playwright/test';
import { ACCOUNTS, ensureAdmin, signIn } from './session';

test('the login page lists the demo accounts, refuses a wrong password and signs in', async ({
	page
}) => {
	await page.goto('/');
	await expect(page).toHaveURL(/\/anmelden$/);
	const demo = page.getByRole('region', { name: 'Demo-Zugänge' });
	await expect(demo).toContainText('analyst@demo.test');
	await expect(demo).toContainText('demo-jobcenter');
	await page.screenshot({ path: 'test-results/screenshots/login.png', fullPage: true });

	await page.getByLabel('E-Mail-Adresse').fill('analyst@demo.test');
	await page.getByLabel('Passwort').fill('falsch');
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByRole('alert')).toContainText('E-Mail-Adresse oder Passwort stimmen nicht');
	await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue('analyst@demo.test');
	await page.screenshot({ path: 'test-results/screenshots/login-failed.png', fullPage: true });

	await page.getByLabel('Passwort').fill('demo-analyst');
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
});

test('after signing in, the user returns to the page they asked for; signing out ends the session', async ({
	page
}) => {
	await page.goto('/konto');
	await expect(page).toHaveURL(/\/anmelden\?redirectTo=%2Fkonto$/);
	await page.getByLabel('E-Mail-Adresse').fill(ACCOUNTS.jobcenter.email);
	await page.getByLabel('Passwort').fill(ACCOUNTS.jobcenter.password);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page).toHaveURL(/\/konto$/);
	await expect(page.getByText('Jobcenter Kreis Gütersloh').first()).toBeVisible();

	const cookie = (await page.context().cookies()).find((c) => c.name === 'benchlearn_session')!;
	expect(cookie.httpOnly).toBe(true);
	expect(cookie.sameSite).toBe('Lax');

	await page.getByRole('button', { name: 'Abmelden' }).click();
	await expect(page).toHaveURL(/\/anmelden$/);
	// The old cookie opens nothing any more.
	await page.context().addCookies([cookie]);
	await page.goto('/konto');
	await expect(page).toHaveURL(/\/anmelden/);
});

test('a jobcenter user sees only its own figures and can opt in to be named in its ring', async ({
	page
}) => {
	await signIn(page, 'jobcenter');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Jobcenter Kreis Gütersloh' })
	).toBeVisible();
	await expect(
		page.getByText('Reichweite, Resonanz und Personalaufwand im Vergleich')
	).toBeVisible();
	await expect(page.getByRole('table', { name: /Erfasste Jobcenter/ })).toHaveCount(0);
	await expect(page.getByRole('search', { name: 'Jobcenter filtern' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Protokoll' })).toHaveCount(0);
	await page.screenshot({
		path: 'test-results/screenshots/overview-jobcenter.png',
		fullPage: true
	});

	await page.getByRole('link', { name: 'Mein Konto' }).click();
	const checkbox = page.getByLabel(
		'Mein Jobcenter den Mitgliedern des eigenen Vergleichsrings mit Namen zeigen'
	);
	await expect(checkbox).not.toBeChecked();
	await checkbox.check();
	await page.getByRole('button', { name: 'Auswahl speichern' }).click();
	await expect(page.getByText('Ihre Auswahl wurde gespeichert.')).toBeVisible();
	await page.reload();
	await expect(checkbox).toBeChecked();
	await page.screenshot({ path: 'test-results/screenshots/account-jobcenter.png', fullPage: true });
	await checkbox.uncheck();
	await page.getByRole('button', { name: 'Auswahl speichern' }).click();
	await expect(page.getByText('Ihre Auswahl wurde gespeichert.')).toBeVisible();

	await page.getByRole('button', { name: 'Abmelden' }).click();
	await signIn(page, 'analyst');
	await page.getByRole('link', { name: 'Protokoll' }).click();
	const log = page.getByRole('table', { name: /letzten 300 Einträge/ });
	await expect(
		log.getByRole('row').filter({ hasText: 'Namensnennung im Ring erlaubt' }).first()
	).toContainText('jobcenter@demo.test');
	await expect(
		log.getByRole('row').filter({ hasText: 'Namensnennung im Ring zurückgenommen' }).first()
	).toBeVisible();
	await page.screenshot({ path: 'test-results/screenshots/audit-log.png', fullPage: true });
});

test('an admin creates a user, the user changes the password, the admin disables the user', async ({
	browser
}) => {
	ensureAdmin();
	const admin = await browser.newPage();
	await signIn(admin, 'admin');
	// User management sits in the navigation's group „Verwaltung“.
	await admin.locator('summary', { hasText: 'Verwaltung' }).click();
	await admin.getByRole('link', { name: 'Benutzer' }).click();
	await admin.getByLabel('E-Mail-Adresse').fill('neu@jobcenter.example');
	await admin.getByLabel('Rolle', { exact: true }).selectOption('jobcenter');
	await admin.getByLabel('Jobcenter (nur für die Rolle Jobcenter)').selectOption('05754');
	await admin.getByLabel('Erstes Passwort (mindestens 10 Zeichen)').fill('erstes-passwort');
	await admin.getByRole('button', { name: 'Konto anlegen' }).click();
	await expect(admin.getByText('Die Änderung wurde gespeichert.')).toBeVisible();
	await expect(admin.getByRole('rowheader', { name: 'neu@jobcenter.example' })).toBeVisible();
	await admin.screenshot({ path: 'test-results/screenshots/admin-users.png', fullPage: true });

	const user = await browser.newPage();
	await user.goto('/anmelden');
	await user.getByLabel('E-Mail-Adresse').fill('neu@jobcenter.example');
	await user.getByLabel('Passwort').fill('erstes-passwort');
	await user.getByRole('button', { name: 'Anmelden' }).click();
	await user.getByRole('link', { name: 'Mein Konto' }).click();
	await user.getByLabel('Bisheriges Passwort').fill('erstes-passwort');
	await user.getByLabel('Neues Passwort (mindestens 10 Zeichen)').fill('zweites-passwort');
	await user.getByLabel('Neues Passwort wiederholen').fill('zweites-passwort');
	await user.getByRole('button', { name: 'Passwort ändern' }).click();
	await expect(user.getByText('Ihr Passwort wurde geändert.')).toBeVisible();

	await admin.getByRole('button', { name: 'Sperren neu@jobcenter.example' }).click();
	await expect(admin.getByRole('row', { name: /neu@jobcenter.example/ })).toContainText('gesperrt');
	await user.reload();
	await expect(user).toHaveURL(/\/anmelden/);
});

test('after five wrong passwords the account has to wait, and the message says how long', async ({
	page
}) => {
	await page.goto('/anmelden');
	for (let i = 0; i < 5; i++) {
		await page.getByLabel('E-Mail-Adresse').fill('geraten@jobcenter.example');
		await page.getByLabel('Passwort').fill(`falsch-${i}`);
		const answered = page.waitForResponse((r) => r.request().method() === 'POST');
		await page.getByRole('button', { name: 'Anmelden' }).click();
		await answered;
		await expect(page.getByRole('alert')).toContainText(
			'E-Mail-Adresse oder Passwort stimmen nicht'
		);
	}
	await page.getByLabel('Passwort').fill('noch-ein-versuch');
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Zu viele Fehlversuche. Bitte warten Sie 15 Minuten und versuchen Sie es dann erneut.'
	);
	await page.screenshot({ path: 'test-results/screenshots/login-throttled.png', fullPage: true });
});
