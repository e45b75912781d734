/** Security headers, cookie flags, the CSP in a real browser, error ids in page and log, and /healthz. */
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { cli, freePort, tempPath } from './processes';
import { ensureReportRound } from './reportRound';
import { ACCOUNTS, signIn } from './session';

const BUILD = process.env.BUILD_DIR || 'build';

function expectBaseHeaders(response: APIResponse) {
	const h = response.headers();
	expect(h['x-content-type-options']).toBe('nosniff');
	expect(h['x-frame-options']).toBe('DENY');
	expect(h['referrer-policy']).toBe('same-origin');
	expect(h['cross-origin-opener-policy']).toBe('same-origin');
	expect(h['permissions-policy']).toContain('camera=()');
	expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
}

/** The Set-Cookie line of one cookie, e.g. `benchlearn_session=…; Path=/; HttpOnly; SameSite=Lax`. */
function setCookie(response: APIResponse, name: string): string {
	const line = response
		.headersArray()
		.filter((h) => h.name.toLowerCase() === 'set-cookie')
		.map((h) => h.value)
		.find((v) => v.startsWith(`${name}=`));
	expect(line, `Set-Cookie ${name}`).toBeDefined();
	return line!;
}

const flags = (line: string) =>
	line
		.split(';')
		.slice(1)
		.map((f) => f.trim().split('=')[0].toLowerCase());

/** `node build` over its own database, with its stdout (the JSON log) kept for the test to read. */
async function startLoggedServer(env: Record<string, string | undefined>) {
	const port = await freePort();
	const settings: Record<string, string | undefined> = {
		...process.env,
		HOST: '127.0.0.1',
		PORT: String(port),
		ORIGIN: `http://127.0.0.1:${port}`,
		LOG_LEVEL: 'info',
		// The copy's demo accounts stay enabled (any start without DEMO disables them).
		DEMO: '1',
		...env
	};
	// An unset variable is left out: adapter-node refuses an empty ORIGIN.
	for (const key of Object.keys(settings)) if (settings[key] === undefined) delete settings[key];
	const child = spawn('node', [BUILD], { env: settings as Record<string, string> });
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	await new Promise<void>((resolve, reject) => {
		child.stdout.on('data', () => stdout.includes('Listening') && resolve());
		child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
	});
	return {
		url: `http://127.0.0.1:${port}`,
		/** Every JSON line the server has logged so far. */
		log: () =>
			stdout
				.split('\n')
				.filter((l) => l.startsWith('{'))
				.map((l) => JSON.parse(l) as Record<string, unknown>),
		stop: () =>
			new Promise<void>((resolve) => {
				child.on('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}

/** A consistent copy of the test database, for a second server (one server per database file). */
async function copyOfTestDatabase(): Promise<string> {
	const copy = tempPath('copy.db');
	const taken = await cli('backup', [copy], { DATABASE_PATH: process.env.E2E_DB! });
	expect(taken.code).toBe(0);
	return copy;
}

test('a page, a download and a 404 carry the security headers; over HTTP no HSTS and no Secure cookie', async ({
	page,
	request,
	baseURL
}) => {
	const login = await request.get('/anmelden');
	expectBaseHeaders(login);
	const csp = login.headers()['content-security-policy'];
	expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'(;|$)/);
	expect(csp).toContain("style-src-elem 'self'");
	expect(csp).not.toMatch(/script-src[^;]*unsafe/);
	// Only the printed report may apply an inline <style> element.
	expect(csp).not.toMatch(/style-src-elem[^;]*unsafe-inline/);
	expect(login.headers()['strict-transport-security']).toBeUndefined();
	// Signed out, nothing personal: the login page may be cached as usual.
	expect(login.headers()['cache-control'] ?? '').not.toContain('no-store');

	const signedIn = await request.post('/anmelden', {
		form: { email: ACCOUNTS.jobcenter.email, password: ACCOUNTS.jobcenter.password },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(signedIn.status()).toBe(303);
	const session = setCookie(signedIn, 'benchlearn_session');
	expect(flags(session)).toEqual(expect.arrayContaining(['httponly', 'samesite']));
	expect(session).toMatch(/SameSite=Lax/i);
	expect(flags(session)).not.toContain('secure');

	const language = await request.post('/sprache', {
		form: { locale: 'de', redirectTo: '/' },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	const locale = setCookie(language, 'PARAGLIDE_LOCALE');
	expect(locale).toMatch(/SameSite=Lax/i);
	// Paraglide reads it in the browser; it holds only the language.
	expect(flags(locale)).not.toContain('httponly');
	expect(flags(locale)).not.toContain('secure');

	// Signed in (the request context keeps the cookie), pages and downloads stay out of caches.
	const own = await request.get('/', { headers: { accept: 'text/html' } });
	expect(own.status()).toBe(200);
	expect(own.headers()['cache-control']).toBe('private, no-store');

	const download = await request.get('/hochladen/vorlage/kennzahlen');
	expect(download.status()).toBe(200);
	expect(download.headers()['cache-control']).toContain('no-store');
	expect(download.headers()['content-disposition']).toContain('attachment');
	expectBaseHeaders(download);
	expect(download.headers()['content-security-policy']).toContain("default-src 'none'");

	const missing = await request.get('/gibt-es-nicht', { headers: { accept: 'text/html' } });
	expect(missing.status()).toBe(404);
	expectBaseHeaders(missing);
	expect(missing.headers()['content-security-policy']).toContain("script-src 'self' 'nonce-");

	await signIn(page, 'jobcenter');
	await page.goto('/gibt-es-nicht');
	await expect(page.getByText('Diese Seite gibt es nicht.')).toBeVisible();
	// An expected error has no error code.
	await expect(page.getByText('Fehlercode')).toHaveCount(0);
	await page.screenshot({ path: 'test-results/screenshots/headers-404.png', fullPage: true });
});

test('behind an HTTPS proxy (PROTOCOL_HEADER) the answers carry HSTS and the cookies are Secure', async ({
	page,
	request
}) => {
	// Starts processes (a backup, a server, command-line tools): a bound only for a busy machine.
	test.setTimeout(120_000);
	const server = await startLoggedServer({
		DATABASE_PATH: await copyOfTestDatabase(),
		// No ORIGIN: adapter-node takes protocol and host from the proxy's headers.
		ORIGIN: undefined,
		PROTOCOL_HEADER: 'x-forwarded-proto',
		BENCHLEARN_TODAY: '2026-11-15'
	});
	try {
		const host = new URL(server.url).host;
		const viaProxy = (proto: 'https' | 'http') => ({
			accept: 'text/html',
			'x-forwarded-proto': proto,
			origin: `${proto}://${host}`
		});
		const page200 = await request.get(`${server.url}/anmelden`, { headers: viaProxy('https') });
		expectBaseHeaders(page200);
		expect(page200.headers()['strict-transport-security']).toBe('max-age=31536000');

		const signedIn = await request.post(`${server.url}/anmelden`, {
			form: { email: ACCOUNTS.analyst.email, password: ACCOUNTS.analyst.password },
			headers: viaProxy('https'),
			maxRedirects: 0
		});
		expect(signedIn.status()).toBe(303);
		expect(signedIn.headers()['strict-transport-security']).toBe('max-age=31536000');
		const session = setCookie(signedIn, 'benchlearn_session');
		expect(flags(session)).toEqual(expect.arrayContaining(['httponly', 'samesite', 'secure']));
		const language = await request.post(`${server.url}/sprache`, {
			form: { locale: 'de' },
			headers: viaProxy('https'),
			maxRedirects: 0
		});
		expect(flags(setCookie(language, 'PARAGLIDE_LOCALE'))).toContain('secure');

		// The same server behind a plain-HTTP proxy: no HSTS, no Secure.
		const plain = await request.post(`${server.url}/anmelden`, {
			form: { email: ACCOUNTS.analyst.email, password: ACCOUNTS.analyst.password },
			headers: viaProxy('http'),
			maxRedirects: 0
		});
		expect(plain.headers()['strict-transport-security']).toBeUndefined();
		expect(flags(setCookie(plain, 'benchlearn_session'))).not.toContain('secure');

		await page.setContent(
			`<h1>Antwort hinter einem HTTPS-Proxy</h1><pre style="white-space:pre-wrap;font-size:14px"></pre>`
		);
		await page.locator('pre').evaluate(
			(el, t) => (el.textContent = t),
			Object.entries(signedIn.headers())
				.filter(([k]) => k !== 'location')
				.map(([k, v]) => `${k}: ${k === 'set-cookie' ? v.replace(/=[^;]+/, '=…') : v}`)
				.join('\n')
		);
		await page.screenshot({ path: 'test-results/screenshots/headers-https.png', fullPage: true });
	} finally {
		await server.stop();
	}
});

/** Opens each page and fails on any CSP violation or console error; the pages must also hydrate. */
async function visitWithoutViolations(page: Page, paths: string[]) {
	const problems: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error') problems.push(`${page.url()}: console: ${msg.text()}`);
	});
	page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
	await page.addInitScript(() =>
		document.addEventListener('securitypolicyviolation', (e) =>
			console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)
		)
	);
	for (const path of paths) {
		const response = await page.goto(path, { waitUntil: 'networkidle' });
		expect(response?.status(), path).toBe(200);
		expect(response?.headers()['content-security-policy'], path).toContain('nonce-');
	}
	expect(problems).toEqual([]);
}

/** A client-side navigation keeps the window: it proves that SvelteKit's script ran under the CSP. */
async function expectHydrated(page: Page) {
	await page.evaluate(() => ((window as unknown as { kept: string }).kept = 'yes'));
	await page.getByRole('navigation').getByRole('link', { name: 'Methodik' }).click();
	await expect(page).toHaveURL(/\/methodik$/);
	expect(await page.evaluate(() => (window as unknown as { kept?: string }).kept)).toBe('yes');
}

test('the jobcenter user\u2019s pages break no CSP rule and still hydrate', async ({ page }) => {
	const round = ensureReportRound();
	await signIn(page, 'jobcenter');
	await visitWithoutViolations(page, [
		'/',
		'/kpi/engagement_rate_pct',
		'/karte',
		'/kanaele',
		'/hochladen',
		'/lieferungen',
		`/runden/${round}`,
		`/runden/${round}/bericht?jc=05754`,
		'/konto',
		'/'
	]);
	await page.screenshot({ path: 'test-results/screenshots/csp-jobcenter.png', fullPage: true });
	await expectHydrated(page);
});

test('the analyst\u2019s pages break no CSP rule and still hydrate', async ({ page }) => {
	const round = ensureReportRound();
	await signIn(page, 'analyst');
	await visitWithoutViolations(page, [
		'/',
		'/?jc=05754',
		'/kpi/engagement_rate_pct?jc=05754',
		'/karte?jc=05754',
		'/kanaele?jc=05754',
		'/runden',
		`/runden/${round}`,
		`/runden/${round}/bericht`,
		'/jobcenter',
		'/protokoll',
		'/methodik',
		'/?jc=05754'
	]);
	await page.screenshot({ path: 'test-results/screenshots/csp-analyst.png', fullPage: true });
	await expectHydrated(page);
});

test('an unexpected error shows a code and no stack; the log line with that code has route, user and stack', async ({
	page,
	request
}) => {
	// Starts processes (a backup, a server, command-line tools): a bound only for a busy machine.
	test.setTimeout(120_000);
	const database = await copyOfTestDatabase();
	const server = await startLoggedServer({
		DATABASE_PATH: database,
		BENCHLEARN_TODAY: '2026-11-15'
	});
	try {
		// A monitor asks without a cookie.
		const healthy = await request.get(`${server.url}/healthz`);
		expect(healthy.status()).toBe(200);
		expect(await healthy.json()).toEqual({
			status: 'ok',
			database: 'ok',
			migration: { latest: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d{4}_\w+$/), pending: 0 }
		});

		// Signed in without opening the overview, so that no cache holds its figures yet.
		const signedIn = await page.request.post(`${server.url}/anmelden`, {
			form: { email: ACCOUNTS.analyst.email, password: ACCOUNTS.analyst.password },
			headers: { origin: server.url, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(signedIn.status()).toBe(303);
		// The table the overview reads vanishes under the running server, as after a botched repair.
		const sqlite = new Database(database);
		sqlite.pragma('foreign_keys = OFF');
		sqlite.exec('drop table monthly_metric');
		sqlite.close();

		const response = await page.goto(`${server.url}/`);
		expect(response?.status()).toBe(500);
		await expect(page.getByRole('heading', { name: 'Fehler 500' })).toBeVisible();
		await expect(page.getByText('Es ist ein unerwarteter Fehler aufgetreten.')).toBeVisible();
		await expect(page.getByText('Bitte nennen Sie diesen Code')).toBeVisible();
		const code = (await page.locator('.kern-alert code').textContent())!.trim();
		expect(code).toMatch(/^[0-9a-f]{8}$/);
		expect(await page.locator('body').innerText()).not.toMatch(
			/monthly_metric|SqliteError|\.js:\d+/
		);
		await page.screenshot({ path: 'test-results/screenshots/error-500-code.png', fullPage: true });

		const line = server.log().find((l) => l.errorId === code);
		expect(line).toMatchObject({
			level: 'error',
			msg: 'unexpected error',
			method: 'GET',
			// The route id names the group the page lives in.
			route: '/(dashboard)',
			path: '/',
			status: 500,
			userId: expect.any(Number)
		});
		const err = line!.err as { type: string; message: string; stack: string };
		expect(err.message).toContain('no such table: monthly_metric');
		expect(err.stack).toMatch(/\n\s+at /);
		expect(JSON.stringify(server.log())).not.toContain(ACCOUNTS.analyst.password);
		expect(server.log()).toContainEqual(
			expect.objectContaining({
				msg: 'request',
				route: '/(dashboard)',
				status: 500,
				userId: line!.userId
			})
		);

		// Now a broken schema: no table can be read, and the health check says so.
		const broken = new Database(database);
		broken.unsafeMode(true);
		broken.pragma('writable_schema = ON');
		broken
			.prepare("update sqlite_schema set sql = 'create table audit_log (' where name = 'audit_log'")
			.run();
		broken.pragma(
			`schema_version = ${Number(broken.pragma('schema_version', { simple: true })) + 1}`
		);
		broken.close();
		const sick = await request.get(`${server.url}/healthz`);
		expect(sick.status()).toBe(503);
		expect(await sick.json()).toEqual({ status: 'error', database: 'unavailable' });
		expect(server.log()).toContainEqual(
			expect.objectContaining({ level: 'error', msg: 'health check: the database does not answer' })
		);

		// Even the page frame fails now (the session cannot be read): SvelteKit's fallback page.
		const fatal = await page.goto(`${server.url}/`);
		expect(fatal?.status()).toBe(500);
		await expect(page.getByText('Es ist ein unerwarteter Fehler aufgetreten.')).toBeVisible();
		const fallbackCode = /Fehlercode ([0-9a-f]{8})/.exec(
			await page.locator('body').innerText()
		)?.[1];
		expect(fallbackCode).toBeDefined();
		expect(await page.locator('body').innerText()).not.toMatch(/SqliteError|malformed|\.js:\d+/);
		await page.screenshot({
			path: 'test-results/screenshots/error-500-fallback.png',
			fullPage: true
		});
		expect(server.log()).toContainEqual(
			expect.objectContaining({ errorId: fallbackCode, route: '/(dashboard)', status: 500 })
		);
	} finally {
		await server.stop();
	}
});

test('the command-line tools log import, undo, round close and reopen as JSON on stderr when LOG_LEVEL asks', async ({
	page
}) => {
	// Starts processes (a backup, a server, command-line tools): a bound only for a busy machine.
	test.setTimeout(120_000);
	const env = { DATABASE_PATH: await copyOfTestDatabase(), BENCHLEARN_TODAY: '2026-11-15' };
	const file = 'tests/fixtures/ingest/metrics-jobcenter-05754-windows1252.csv';
	const lines = (stderr: string) =>
		stderr
			.split('\n')
			.filter((l) => l.startsWith('{'))
			.map((l) => JSON.parse(l) as Record<string, unknown>);

	// Without LOG_LEVEL the tools print only their own sentences.
	const quiet = await cli('import', [file, '--dry-run', '--json'], { ...env, LOG_LEVEL: '' });
	expect(quiet.code).toBe(0);
	expect(lines(quiet.stderr)).toEqual([]);

	const logged = { ...env, LOG_LEVEL: 'info' };
	const imported = await cli('import', [file, '--json'], logged);
	expect(imported.code).toBe(0);
	// stdout stays data: one JSON document, no log line in it.
	const { uploadId } = JSON.parse(imported.stdout) as { uploadId: number };
	expect(lines(imported.stderr)).toEqual([
		expect.objectContaining({ msg: 'import', via: 'cli', uploadId, dryRun: false })
	]);
	const undone = await cli('undo', [String(uploadId)], logged);
	expect(lines(undone.stderr)).toEqual([
		expect.objectContaining({ msg: 'undo', via: 'cli', uploadId })
	]);

	const created = await cli(
		'round',
		[
			'create',
			'--name',
			'Log-Runde',
			'--from',
			'2026-01',
			'--to',
			'2026-06',
			'--jobcenters',
			'05754'
		],
		env
	);
	const roundId = Number(created.stdout.trim());
	expect(roundId).toBeGreaterThan(0);
	const closed = await cli('round', ['close', String(roundId)], logged);
	const reopened = await cli('round', ['reopen', String(roundId)], logged);
	expect(lines(closed.stderr)).toEqual([
		expect.objectContaining({ level: 'info', msg: 'round closed', event: 'round_closed', roundId })
	]);
	expect(lines(reopened.stderr)).toEqual([
		expect.objectContaining({ msg: 'round reopened', event: 'round_reopened', roundId })
	]);

	await page.setContent(
		`<h1>Protokollzeilen der Kommandozeile</h1><pre style="white-space:pre-wrap"></pre>`
	);
	await page
		.locator('pre')
		.evaluate(
			(el, t) => (el.textContent = t),
			[imported, undone, closed, reopened].map((r) => r.stderr).join('')
		);
	await page.screenshot({ path: 'test-results/screenshots/log-cli.png', fullPage: true });
});
