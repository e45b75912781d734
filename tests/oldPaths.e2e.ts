/**
 * The English paths and query-parameter names of before December 2026 (src/lib/server/legacyPaths.ts):
 * bookmarks, printed links and old forms answer 308 to the German path, with the rest of the path and
 * the query kept, and a GET with an old parameter name to the same page with the new name.
 */
import { expect, test } from '@playwright/test';
import { ensureReportRound } from './reportRound';
import { ACCOUNTS, signIn } from './session';

test('GET and POST on an old path answer 308 to the new path with its rest and query', async ({
	page,
	request,
	baseURL
}) => {
	const id = ensureReportRound();
	const moved: [string, string][] = [
		[`/rounds/${id}/bericht?jc=05754`, `/runden/${id}/bericht?jc=05754`],
		['/rounds?bearbeiten=1', '/runden?bearbeiten=1'],
		['/upload/status?job=x', '/hochladen/status?job=x'],
		['/upload/vorlage/metrics?format=xlsx', '/hochladen/vorlage/kennzahlen?format=xlsx'],
		['/upload/vorlage/register', '/hochladen/vorlage/verzeichnis'],
		['/uploads/loeschen', '/lieferungen/loeschen'],
		['/admin/benutzer', '/verwaltung/benutzer'],
		['/login?redirectTo=%2Frounds%2F3', '/anmelden?redirectTo=%2Frounds%2F3']
	];
	for (const [old, current] of moved) {
		const get = await request.get(old, { maxRedirects: 0 });
		expect([old, get.status(), get.headers().location]).toEqual([old, 308, current]);
	}
	const headers = { origin: baseURL! };
	for (const [old, current] of [
		['/upload?/commit', '/hochladen?/commit'],
		['/logout', '/abmelden']
	]) {
		const post = await request.post(old, { maxRedirects: 0, headers, form: {} });
		expect([old, post.status(), post.headers().location]).toEqual([old, 308, current]);
	}
	// Followed, the 308 sends the form again: the old sign-in form still signs in.
	const signedIn = await request.post('/login', {
		headers: { ...headers, accept: 'text/html' },
		form: ACCOUNTS.analyst
	});
	expect(new URL(signedIn.url()).pathname).toBe('/');
	expect(await signedIn.text()).toContain('Abmelden');

	await page.goto(`/rounds/${id}`);
	await expect(page).toHaveURL(`/anmelden?redirectTo=${encodeURIComponent(`/runden/${id}`)}`);
	await page.screenshot({ path: 'test-results/screenshots/old-paths-login.png', fullPage: true });
});

test('a bookmark and a sign-in link with an old path end on the new page', async ({ page }) => {
	const id = ensureReportRound();
	// A link printed before the rename: the sign-in sends to the old path, which moves on.
	await page.goto(`/anmelden?redirectTo=${encodeURIComponent(`/rounds/${id}`)}`);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('E-Mail-Adresse').fill(ACCOUNTS.analyst.email);
	await page.getByLabel('Passwort').fill(ACCOUNTS.analyst.password);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page).toHaveURL(`/runden/${id}`);
	await page.goto('/rounds');
	await expect(page).toHaveURL('/runden');
	await expect(page.getByRole('heading', { level: 1, name: 'Benchlearning-Runden' })).toBeVisible();
	await page.screenshot({ path: 'test-results/screenshots/old-paths-rounds.png', fullPage: true });
	// The old sign-out form (POST /logout) still signs out.
	const origin = new URL(page.url()).origin;
	await page.request.post('/logout', { headers: { origin, accept: 'text/html' }, form: {} });
	await page.goto('/konto');
	await expect(page).toHaveURL(/\/anmelden\?redirectTo=%2Fkonto$/);
});

test('an old dashboard bookmark lands on the new parameter names and shows the same period', async ({
	page
}) => {
	await signIn(page, 'jobcenter');
	const old = '/?from=2026-01&to=2026-06&peers=all';
	const moved = await page.request.get(old, { maxRedirects: 0 });
	expect([moved.status(), moved.headers().location]).toEqual([
		308,
		'/?von=2026-01&bis=2026-06&vergleich=all'
	]);
	await page.goto(old);
	await expect(page).toHaveURL('/?von=2026-01&bis=2026-06&vergleich=all');
	await expect(page.getByLabel('Von (Monat)')).toHaveValue('2026-01');
	await expect(page.getByLabel('Bis (Monat)')).toHaveValue('2026-06');
	await expect(
		page.getByText(/Januar 2026 bis Juni 2026, verglichen mit: alle Jobcenter/)
	).toBeVisible();
	await page.screenshot({ path: 'test-results/screenshots/old-query-names.png', fullPage: true });
});
