/** A large upload runs in its worker while others use the app: pages answer, logins and a second upload succeed. */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { cli, startServer, tempPath } from './processes';
import { ACCOUNTS, signIn } from './session';

/**
 * These uploads bring 150,000 rows: they go to a server of their own over a copy of the test
 * database, so that the other tests keep the demo figures they were written for.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let databasePath: string;

test.beforeAll(async () => {
	databasePath = tempPath('import-load.db');
	const taken = await cli('backup', [databasePath], { DATABASE_PATH: process.env.E2E_DB! });
	expect(taken.code, taken.stderr).toBe(0);
	server = await startServer({
		DATABASE_PATH: databasePath,
		DEMO: '1',
		BENCHLEARN_TODAY: '2026-11-15',
		BODY_SIZE_LIMIT: '25M'
	});
});

test.afterAll(async () => {
	await server?.stop();
});

const CHANNELS = ['Facebook', 'Instagram', 'X', 'YouTube', 'LinkedIn', 'TikTok', 'XING'];
const CHANNELS_MORE = ['Mastodon', 'Bluesky', 'Threads', 'WhatsApp-Kanal'];

/** Every demo jobcenter, every channel, every month since 2010: about 150,000 rows, as Excel writes them. */
function largeFile(followersPlus = 0): string {
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	const codes = sqlite
		.prepare('select code from jobcenter order by code')
		.pluck()
		.all() as string[];
	sqlite.close();
	const lines = ['Jobcenter;Monat;Kanal;Follower;Beiträge;Impressionen;Personalstunden'];
	for (const code of codes)
		for (const channel of [...CHANNELS, ...CHANNELS_MORE])
			for (let y = 2010; y <= 2026; y++)
				for (let m = 1; m <= (y === 2026 ? 10 : 12); m++) {
					const n = (y - 2009) * 100 + m + followersPlus;
					lines.push(
						`${code};${String(m).padStart(2, '0')}.${y};${channel};${n};${m % 7};${(n * 13).toLocaleString('de-DE')};${m % 4},5`
					);
				}
	const path = join(tmpdir(), `benchlearn-large-${process.pid}-${followersPlus}.csv`);
	writeFileSync(path, lines.join('\r\n') + '\r\n');
	return path;
}

async function shot(page: Page, name: string) {
	await page.screenshot({
		path: `test-results/screenshots/import-load-${name}.png`,
		fullPage: true
	});
}

/** Polls `GET /` as the jobcenter user every 100 ms until `stop` is set; returns each answer's time and when it came. */
function pollHome(request: APIRequestContext, stop: { done: boolean }) {
	const answers: { status: number; ms: number; at: number }[] = [];
	const loop = (async () => {
		while (!stop.done) {
			const started = Date.now();
			const response = await request.get('/', { maxRedirects: 0 });
			answers.push({ status: response.status(), ms: Date.now() - started, at: Date.now() });
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	})();
	return { answers, loop };
}

async function login(request: APIRequestContext, baseURL: string) {
	const response = await request.post('/anmelden', {
		form: { email: ACCOUNTS.analyst.email, password: ACCOUNTS.analyst.password, redirectTo: '/' },
		// As a browser without JavaScript posts the form.
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	return response.status();
}

test('pages answer, logins and a second upload succeed while a large file is checked and committed', async ({
	browser,
	playwright
}) => {
	test.setTimeout(300_000);
	const baseURL = server.url;
	const file = largeFile();
	const own = await browser.newContext({ baseURL });
	const page = await own.newPage();
	const colleague = await browser.newContext({ baseURL });
	const colleaguePage = await colleague.newPage();
	await signIn(colleaguePage, 'jobcenter');
	await signIn(page, 'analyst');

	const stop = { done: false };
	const poll = pollHome(colleague.request, stop);
	await page.goto('/hochladen');
	await page.locator('input[type=file]').setInputFiles(file);
	await page.getByRole('button', { name: 'Datei prüfen' }).click();
	await page.waitForURL(/\/hochladen(\/status\?job=|\?token=)/);
	if (page.url().includes('/status')) {
		await expect(page.getByRole('heading', { name: 'Datei wird geprüft' })).toBeVisible();
		await expect(page.getByRole('progressbar')).toBeVisible();
		await shot(page, 'checking');
	}
	await page.waitForURL(/\/hochladen\?token=/, { timeout: 240_000 });
	await expect(page.getByText('Die Datei ist fehlerfrei.')).toBeVisible();
	const checked = poll.answers.length;

	await page.getByRole('button', { name: 'Übernehmen' }).click();
	// Meanwhile: ten logins and a colleague's small upload, all at once.
	const logins = Array.from({ length: 10 }, async () => {
		const request = await playwright.request.newContext({ baseURL });
		try {
			return await login(request, baseURL!);
		} finally {
			await request.dispose();
		}
	});
	await colleaguePage.goto('/hochladen');
	await colleaguePage
		.locator('input[type=file]')
		.setInputFiles('tests/fixtures/ingest/metrics-jobcenter-05754-windows1252.csv');
	await colleaguePage.getByRole('button', { name: 'Datei prüfen' }).click();
	await colleaguePage.waitForURL(/\/hochladen\?token=/, { timeout: 240_000 });
	await colleaguePage.getByRole('button', { name: 'Übernehmen' }).click();
	expect(await Promise.all(logins)).toEqual(Array(10).fill(303));
	await colleaguePage.waitForURL(/\/lieferungen\?neu=\d+/, { timeout: 240_000 });
	await expect(colleaguePage.getByText(/Upload \d+ wurde übernommen/)).toBeVisible();

	if (page.url().includes('/status')) {
		await expect(page.getByRole('heading', { name: 'Daten werden übernommen' })).toBeVisible();
		await shot(page, 'committing');
	}
	await page.waitForURL(/\/lieferungen\?neu=\d+/, { timeout: 240_000 });
	await expect(page.getByText(/Upload \d+ wurde übernommen/)).toBeVisible();
	stop.done = true;
	await poll.loop;
	await shot(page, 'committed');

	// The server answered all along: many polls, every one a page, none held up for long.
	expect(checked).toBeGreaterThan(3);
	expect(poll.answers.length).toBeGreaterThan(checked);
	expect(poll.answers.filter((a) => a.status !== 200)).toEqual([]);
	expect(Math.max(...poll.answers.map((a) => a.ms))).toBeLessThan(10_000);
	await colleague.close();
	await own.close();
});

test('without JavaScript the status page refreshes itself until the commit is done', async ({
	browser
}) => {
	test.setTimeout(300_000);
	// Other figures than in the test before: every row is an update, which takes a while.
	const file = largeFile(1);
	const context = await browser.newContext({ javaScriptEnabled: false, baseURL: server.url });
	const page = await context.newPage();
	await signIn(page, 'analyst');
	await page.goto('/hochladen');
	await page.locator('input[type=file]').setInputFiles(file);
	await page.getByRole('button', { name: 'Datei prüfen' }).click();
	await page.waitForURL(/\/hochladen\?token=/, { timeout: 240_000 });
	await page.getByRole('button', { name: 'Übernehmen' }).click();
	await page.waitForURL(/\/hochladen\/status\?job=/);
	await expect(page.getByRole('heading', { name: 'Daten werden übernommen' })).toBeVisible();
	await expect(page.getByRole('progressbar')).toBeVisible();
	await shot(page, 'committing-without-javascript');
	await page.waitForURL(/\/lieferungen\?neu=\d+/, { timeout: 240_000 });
	await expect(page.getByText(/Upload \d+ wurde übernommen/)).toBeVisible();
	await context.close();
});

test('pages answer while the large update is undone, and the figures before it are back', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const followers = () => {
		const sqlite = new Database(databasePath, { readonly: true });
		try {
			return sqlite
				.prepare(
					"select followers from monthly_metric where channel_id = 'facebook' and month = '2020-05' order by jobcenter_id limit 1"
				)
				.pluck()
				.get();
		} finally {
			sqlite.close();
		}
	};
	// The test before wrote (2020 - 2009) * 100 + 5 + 1 over the first test's figures.
	expect(followers()).toBe(1106);
	const own = await browser.newContext({ baseURL: server.url });
	const page = await own.newPage();
	const colleague = await browser.newContext({ baseURL: server.url });
	await signIn(await colleague.newPage(), 'jobcenter');
	await signIn(page, 'analyst');
	await page.goto('/lieferungen');
	const row = page.getByRole('row', { name: /benchlearn-large-\d+-1\.csv/ });

	const stop = { done: false };
	const poll = pollHome(colleague.request, stop);
	await new Promise((resolve) => setTimeout(resolve, 500));
	const started = Date.now();
	await row.getByRole('button', { name: /Rückgängig machen/ }).click();
	await expect(page.getByText(/Upload \d+ wurde rückgängig gemacht/)).toBeVisible({
		timeout: 120_000
	});
	const undone = Date.now();
	stop.done = true;
	await poll.loop;
	await expect(row).toContainText('rückgängig gemacht am');
	await shot(page, 'undone');

	expect(followers()).toBe(1105);
	expect(poll.answers.filter((a) => a.status !== 200)).toEqual([]);
	// The undo restores 150,000 rows in its worker; the colleague's pages kept coming meanwhile,
	// never with a pause as long as half the undo (on the server's thread it would be all of it).
	const times = [
		started,
		...poll.answers.map((a) => a.at).filter((at) => at > started && at < undone),
		undone
	];
	const longestPause = Math.max(...times.slice(1).map((at, i) => at - times[i]));
	expect(times.length).toBeGreaterThan(4);
	expect(longestPause, `undo took ${undone - started} ms`).toBeLessThan((undone - started) / 2);
	await colleague.close();
	await own.close();
});
