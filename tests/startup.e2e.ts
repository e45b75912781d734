import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { freePort, run, startServer, tempPath, type Finished } from './processes';

/** Shows what a person sees in the terminal, so that the screenshot can be judged like a page. */
async function showTerminal(page: Page, title: string, result: Finished, file: string) {
	const text = `$ node build\n${result.stderr}(exit code ${result.code})`;
	await page.setContent(`<h1>${title}</h1><pre style="font-size:16px;background:#111;color:#eee;padding:1rem;white-space:pre-wrap"></pre>`);
	await page.locator('pre').evaluate((el, t) => (el.textContent = t), text);
	await page.screenshot({ path: `test-results/screenshots/${file}`, fullPage: true });
}

test('a corrupt database file stops the server with one sentence and exit code 1', async ({ page }) => {
	const path = tempPath('corrupt.db');
	writeFileSync(path, 'no database here, only text '.repeat(200));
	const result = await run('node', ['build'], { DATABASE_PATH: path, PORT: String(await freePort()) });
	expect(result.code).toBe(1);
	expect(result.stderr.trim().split('\n')).toHaveLength(1);
	expect(result.stderr).toContain('is not a valid SQLite database');
	expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
	await showTerminal(page, 'Beschädigte Datenbankdatei', result, 'startup-corrupt-db.png');
});

test('an unwritable database path stops the server with one sentence', async ({ page }) => {
	const file = tempPath('plain-file');
	writeFileSync(file, '');
	const result = await run('node', ['build'], {
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
		const result = await run('node', ['build'], {
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

test('node build alone creates no demo data and says that there is nothing yet', async ({ page }) => {
	const server = await startServer({ DATABASE_PATH: tempPath('empty.db'), DEMO: '' });
	try {
		await page.goto(server.url);
		await expect(page.getByRole('heading', { name: 'Noch keine Daten' })).toBeVisible();
		await expect(page.getByText('Demo', { exact: true })).toHaveCount(0);
		await page.screenshot({ path: 'test-results/screenshots/overview-empty.png', fullPage: true });
	} finally {
		await server.stop();
	}
});
