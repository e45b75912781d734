import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { cli, freePort, run, startServer, tempPath, type Finished } from './processes';

const BUILD = process.env.BUILD_DIR || 'build';

/** Shows what a person sees in the terminal, so that the screenshot can be judged like a page. */
async function showTerminal(
	page: Page,
	title: string,
	result: Finished,
	file: string,
	command = 'node build'
) {
	const text = `$ ${command}\n${result.stderr}(exit code ${result.code})`;
	await page.setContent(
		`<h1>${title}</h1><pre style="font-size:16px;background:#111;color:#eee;padding:1rem;white-space:pre-wrap"></pre>`
	);
	await page.locator('pre').evaluate((el, t) => (el.textContent = t), text);
	await page.screenshot({ path: `test-results/screenshots/${file}`, fullPage: true });
}

test('a corrupt database file stops the server with one sentence and exit code 1', async ({
	page
}) => {
	const path = tempPath('corrupt.db');
	writeFileSync(path, 'no database here, only text '.repeat(200));
	const result = await run('node', [BUILD], {
		DATABASE_PATH: path,
		PORT: String(await freePort())
	});
	expect(result.code).toBe(1);
	expect(result.stderr.trim().split('\n')).toHaveLength(1);
	expect(result.stderr).toContain('is not a valid SQLite database');
	expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
	await showTerminal(page, 'Beschädigte Datenbankdatei', result, 'startup-corrupt-db.png');
});

test('an unwritable database path stops the server with one sentence', async ({ page }) => {
	const file = tempPath('plain-file');
	writeFileSync(file, '');
	const result = await run('node', [BUILD], {
		DATABASE_PATH: `${file}/sub/benchlearn.db`,
		PORT: String(await freePort())
	});
	expect(result.code).toBe(1);
	expect(result.stderr.trim().split('\n')).toHaveLength(1);
	expect(result.stderr).toMatch(/cannot be opened.*DATABASE_PATH/);
	await showTerminal(page, 'Nicht beschreibbarer Pfad', result, 'startup-unwritable.png');
});

test('a port in use stops the server with one sentence that names the port', async ({ page }) => {
	const port = await freePort();
	const blocker = createServer().listen(port, '127.0.0.1');
	try {
		const result = await run('node', [BUILD], {
			DATABASE_PATH: tempPath('db.db'),
			HOST: '127.0.0.1',
			PORT: String(port)
		});
		expect(result.code).toBe(1);
		expect(result.stderr.trim()).toBe(
			`Port ${port} is already in use. Stop the other program or start with another port, e.g. PORT=3001.`
		);
		await showTerminal(page, 'Port belegt', result, 'startup-port-in-use.png');
	} finally {
		blocker.close();
	}
});

test('node build alone creates no demo data and no demo accounts', async ({ page }) => {
	const database = tempPath('empty.db');
	const created = await cli(
		'user',
		['create', '--email', 'ana@example.de', '--role', 'analyst', '--password-stdin'],
		{
			DATABASE_PATH: database
		},
		'ein-langes-passwort'
	);
	expect(created.code).toBe(0);
	const server = await startServer({ DATABASE_PATH: database, DEMO: '' });
	try {
		await page.goto(server.url);
		await expect(page).toHaveURL(/\/anmelden$/);
		await expect(page.getByText('Demo-Zugänge')).toHaveCount(0);
		await page.getByLabel('E-Mail-Adresse').fill('analyst@demo.test');
		await page.getByLabel('Passwort').fill('demo-analyst');
		await page.getByRole('button', { name: 'Anmelden' }).click();
		await expect(page.getByRole('alert')).toContainText(
			'E-Mail-Adresse oder Passwort stimmen nicht'
		);
		await page.getByLabel('E-Mail-Adresse').fill('ana@example.de');
		await page.getByLabel('Passwort').fill('ein-langes-passwort');
		await page.getByRole('button', { name: 'Anmelden' }).click();
		await expect(page.getByRole('heading', { name: 'Noch keine Daten' })).toBeVisible();
		await expect(page.getByText('Demo', { exact: true })).toHaveCount(0);
		await page.screenshot({ path: 'test-results/screenshots/overview-empty.png', fullPage: true });
	} finally {
		await server.stop();
	}
});

test('a backup can be taken while the server runs; restore waits until the server is stopped', async ({
	page
}) => {
	const database = tempPath('live.db');
	const backup = tempPath('backup.db');
	const server = await startServer({
		DATABASE_PATH: database,
		DEMO: '1',
		BENCHLEARN_TODAY: '2026-11-15'
	});
	let refused: Finished;
	try {
		const taken = await cli('backup', [backup], { DATABASE_PATH: database });
		expect(taken.code).toBe(0);
		expect(taken.stdout).toBe('');
		refused = await cli('restore', [backup], { DATABASE_PATH: database });
		expect(refused.code).toBe(1);
		expect(refused.stderr).toMatch(/server.*stop/i);
	} finally {
		await server.stop();
	}
	const restored = await cli('restore', [backup], { DATABASE_PATH: database });
	expect(restored.code).toBe(0);
	const again = await startServer({
		DATABASE_PATH: database,
		DEMO: '1',
		BENCHLEARN_TODAY: '2026-11-15'
	});
	try {
		await page.goto(again.url + '/anmelden');
		await page.getByLabel('E-Mail-Adresse').fill('analyst@demo.test');
		await page.getByLabel('Passwort').fill('demo-analyst');
		await page.getByRole('button', { name: 'Anmelden' }).click();
		await expect(page.getByText('Zeitraum: November 2024 bis Oktober 2026')).toBeVisible();
	} finally {
		await again.stop();
	}
	await showTerminal(
		page,
		'Wiederherstellen bei laufendem Server',
		refused!,
		'restore-refused.png',
		'npm run restore -- backup.db'
	);
});
