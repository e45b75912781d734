/** End-to-end tests against the production build, started on a free loopback port with a throw-away database. */
import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Computed once in the main process; the workers inherit these variables and so agree on them.
process.env.E2E_PORT ??= execFileSync(process.execPath, [
	'-e',
	"const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
])
	.toString()
	.trim();
process.env.E2E_DB ??= join(mkdtempSync(join(tmpdir(), 'benchlearn-e2e-')), 'e2e.db');

const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.e2e.ts',
	outputDir: 'test-results/playwright',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
	use: {
		baseURL,
		locale: 'de-DE',
		timezoneId: 'Europe/Berlin',
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			// German month names in date inputs need Debian's chromium-l10n and the UI language.
			env: { ...process.env, LANG: 'de_DE.UTF-8', LANGUAGE: 'de' },
			args: [
				'--lang=de-DE',
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		command: `node ${process.env.BUILD_DIR || 'build'}`,
		url: baseURL,
		reuseExistingServer: false,
		timeout: 120_000,
		env: {
			DATABASE_PATH: process.env.E2E_DB,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			DEMO: '1',
			BENCHLEARN_TODAY: '2026-11-15',
			// Above UPLOAD_MAX_MB (20), as `npm start` sets it, so that the app's own message answers.
			BODY_SIZE_LIMIT: '25M'
		}
	}
});
