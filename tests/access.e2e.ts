import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ensureReportRound } from './reportRound';
import { actionUrls, routeUrls } from './routes';
import { ensureAdmin, signIn, type Role } from './session';

type Viewer = 'anonymous' | Role;
const VIEWERS: Viewer[] = ['anonymous', 'jobcenter', 'analyst', 'admin'];

/** Expected status of GET per viewer; 303 is a redirect (to the login page for anonymous viewers). */
const PAGES: Record<string, [number, number, number, number]> = {
	//                 anonymous jobcenter analyst admin
	'/': [303, 200, 200, 200],
	'/anmelden': [200, 303, 303, 303],
	// The health check needs no login and shows no data.
	'/healthz': [200, 200, 200, 200],
	'/impressum': [200, 200, 200, 200],
	'/datenschutz': [200, 200, 200, 200],
	'/barrierefreiheit': [200, 200, 200, 200],
	'/abmelden': [303, 303, 303, 303],
	'/sprache': [303, 303, 303, 303],
	'/konto': [303, 200, 200, 200],
	'/protokoll': [303, 403, 200, 200],
	'/runden': [303, 403, 200, 200],
	// Only jobcenter users take part in rounds; analysts are sent to the list of all rounds.
	'/meine-runden': [303, 200, 303, 303],
	'/methodik': [303, 200, 200, 200],
	'/verwaltung/benutzer': [303, 403, 403, 200],
	'/hochladen': [303, 200, 200, 200],
	// Without a token there is no error list to download.
	'/hochladen/fehler': [303, 404, 404, 404],
	'/hochladen/status': [303, 404, 404, 404],
	'/hochladen/vorlage/kennzahlen': [303, 200, 200, 200],
	'/hochladen/vorlage/verzeichnis': [303, 403, 200, 200],
	'/lieferungen': [303, 200, 200, 200],
	'/monatsmeldung': [303, 200, 200, 200],
	'/jobcenter': [303, 403, 200, 200],
	// Analysts are sent to the overview to choose a jobcenter first.
	'/kpi/[id]': [303, 200, 303, 303],
	'/karte': [303, 200, 303, 303],
	'/kanaele': [303, 200, 303, 303],
	// Each dashboard page's table as a file answers as its page does (analysts: the register).
	'/export': [303, 200, 200, 200],
	'/kpi/[id]/export': [303, 200, 303, 303],
	'/karte/export': [303, 200, 303, 303],
	'/kanaele/export': [303, 200, 303, 303],
	'/lieferungen/loeschen': [303, 403, 200, 200],
	'/ereignisse': [303, 200, 200, 200],
	'/datenstand': [303, 403, 200, 200],
	'/runden/[id]': [303, 200, 200, 200],
	// Jobcenter users are sent on to their own report.
	'/runden/[id]/bericht': [303, 303, 200, 200],
	'/runden/[id]/export': [303, 200, 200, 200],
	// All reports of a round as PDF: analysts only; no ZIP before a batch has run.
	'/runden/[id]/berichte': [303, 403, 200, 200],
	'/runden/[id]/berichte/zip': [303, 403, 404, 404],
	// The round matrix is for analysts only, its handout version too.
	'/runden/[id]/matrix': [303, 403, 200, 200],
	'/runden/[id]/matrix/export': [303, 403, 200, 200],
	// Analysts first choose whose profile to edit.
	'/runden/[id]/steckbrief': [303, 200, 200, 200],
	'/runden/[id]/steckbriefe': [303, 200, 200, 200]
};

/** Sample values for the route parameters. */
function concrete(url: string): string {
	if (url.startsWith('/runden/[id]')) return url.replace('[id]', String(ensureReportRound()));
	return url.replace('[id]', 'engagement_rate_pct');
}

/** Expected status of a form POST with an empty body: 400 means it was allowed and then validated. */
const ACTIONS: Record<string, [number, number, number, number]> = {
	// Signed-in viewers are sent on from the login page.
	'/anmelden': [400, 303, 303, 303],
	'/sprache': [303, 303, 303, 303],
	'/konto?/password': [303, 400, 400, 400],
	'/konto?/optIn': [303, 200, 400, 400],
	'/verwaltung/benutzer?/create': [303, 403, 403, 400],
	'/verwaltung/benutzer?/disable': [303, 403, 403, 400],
	'/verwaltung/benutzer?/enable': [303, 403, 403, 400],
	'/verwaltung/benutzer?/reset': [303, 403, 403, 400],
	'/runden?/create': [303, 403, 400, 400],
	'/runden?/update': [303, 403, 400, 400],
	'/runden?/close': [303, 403, 400, 400],
	'/runden?/reopen': [303, 403, 400, 400],
	'/hochladen?/preview': [303, 400, 400, 400],
	'/hochladen?/recheck': [303, 400, 400, 400],
	'/hochladen?/commit': [303, 400, 400, 400],
	'/hochladen?/cancel': [303, 400, 400, 400],
	'/lieferungen?/undo': [303, 400, 400, 400],
	'/monatsmeldung?/pruefen': [303, 400, 400, 400],
	'/monatsmeldung?/speichern': [303, 400, 400, 400],
	'/monatsmeldung?/kanal': [303, 400, 400, 400],
	'/jobcenter?/add': [303, 403, 400, 400],
	'/jobcenter?/edit': [303, 403, 400, 400],
	'/jobcenter?/setActive': [303, 403, 400, 400],
	'/lieferungen/loeschen?/check': [303, 403, 400, 400],
	'/lieferungen/loeschen?/delete': [303, 403, 400, 400],
	'/runden/[id]/berichte?/start': [303, 403, 400, 400],
	'/ereignisse?/add': [303, 400, 400, 400],
	'/ereignisse?/delete': [303, 400, 400, 400],
	// An empty Steckbrief is refused; analysts must name the jobcenter.
	'/runden/[id]/steckbrief?/speichern': [303, 400, 400, 400],
	// Last, because it ends the session.
	'/abmelden': [303, 303, 303, 303]
};

test('every route and every form action has an entry in the matrix', () => {
	expect(Object.keys(PAGES).sort()).toEqual(routeUrls());
	expect(Object.keys(ACTIONS).sort()).toEqual(actionUrls());
});

async function statusOf(
	request: APIRequestContext,
	method: 'GET' | 'POST',
	url: string,
	baseURL: string
) {
	const response = await request.fetch(concrete(url), {
		method,
		maxRedirects: 0,
		headers: { accept: 'text/html', origin: baseURL },
		form: method === 'POST' ? {} : undefined
	});
	return response.status();
}

async function forViewer(page: Page, viewer: Viewer) {
	if (viewer !== 'anonymous') await signIn(page, viewer);
	return page.request;
}

for (const [index, viewer] of VIEWERS.entries()) {
	test(`${viewer}: every page and action answers as the matrix says`, async ({ page, baseURL }) => {
		ensureAdmin();
		const request = await forViewer(page, viewer);
		const seen: Record<string, number> = {};
		const expected: Record<string, number> = {};
		for (const [url, statuses] of Object.entries(PAGES)) {
			seen[`GET ${url}`] = await statusOf(request, 'GET', url, baseURL!);
			expected[`GET ${url}`] = statuses[index];
		}
		await page.goto('/');
		await page.screenshot({
			path: `test-results/screenshots/access-${viewer}.png`,
			fullPage: true
		});
		for (const [url, statuses] of Object.entries(ACTIONS)) {
			seen[`POST ${url}`] = await statusOf(request, 'POST', url, baseURL!);
			expected[`POST ${url}`] = statuses[index];
		}
		expect(seen).toEqual(expected);
	});
}

test('a request without a session that does not ask for HTML gets 401, not a redirect', async ({
	request
}) => {
	const response = await request.get('/', {
		headers: { accept: 'application/json' },
		maxRedirects: 0
	});
	expect(response.status()).toBe(401);
	expect(await response.json()).toEqual({ message: 'Bitte melden Sie sich an.' });
});

test('a forbidden page says so in German and offers a way back', async ({ page }) => {
	await signIn(page, 'jobcenter');
	const response = await page.goto('/verwaltung/benutzer');
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { name: 'Fehler 403' })).toBeVisible();
	await expect(page.getByText('Sie haben keine Berechtigung für diese Seite.')).toBeVisible();
	await page.screenshot({ path: 'test-results/screenshots/error-403.png', fullPage: true });
});
