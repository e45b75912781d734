/**
 * The reliability suite: a `kill -9` inside a web commit and inside a CLI import, a full disk
 * during an upload, two users committing at once, and a backup while an import writes. Each test
 * runs its own server or CLI on a copy of one demo database and compares fingerprints of the data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page, type Response } from '@playwright/test';
import type { BenchRow } from '../src/bench/dataset';
import { DEMO_JOBCENTER_CODE } from '../src/lib/server/demo/jobcenters';
import { cli, run, startCli, startServer, type Finished } from './processes';
import {
	copyDatabase,
	demoDatabase,
	fingerprint,
	integrity,
	nationalRows,
	groupMembers,
	pauseLateInWrite,
	SmallDisk,
	TODAY,
	WebClient,
	writeMetrics,
	type Fingerprint
} from './reliability';
import { ACCOUNTS, type Role } from './session';

const STORAGE_MESSAGE =
	'Der Server kann gerade nichts speichern: Sein Speicher ist voll oder schreibgeschützt. Es wurde nichts geändert.';
const BUSY_MESSAGE = 'Gerade wird eine andere Datei gespeichert. Es wurde nichts geändert';

let work: string;
/** The demo database every test starts from, and its fingerprint. */
let base: string;
let before: Fingerprint;
/** Every channel of every demo jobcenter for five years, and the data once it is imported. */
let national: string;
let nationalDatabase: string;
let afterNational: Fingerprint;
let ownRows: BenchRow[];

test.afterAll(() => rmSync(work, { recursive: true, force: true }));

test.beforeAll(async () => {
	test.setTimeout(180_000);
	work = mkdtempSync(join(tmpdir(), 'benchlearn-reliability-'));
	base = join(work, 'base', 'app.db');
	await demoDatabase(base);
	before = fingerprint(base);
	const rows = nationalRows();
	ownRows = rows.filter((row) => row.code === DEMO_JOBCENTER_CODE);
	national = writeMetrics(join(work, 'bundesweit.csv'), rows);
	nationalDatabase = copyDatabase(base, join(work, 'national', 'app.db'));
	const imported = await cli('import', [national], cliEnv(nationalDatabase));
	expect(imported.code, imported.stderr).toBe(0);
	afterNational = fingerprint(nationalDatabase);
	// Otherwise "before or after" would not tell anything.
	expect(afterNational.metrics).not.toBe(before.metrics);
	expect(afterNational.uploads).not.toBe(before.uploads);
});

const cliEnv = (database: string) => ({ DATABASE_PATH: database, BENCHLEARN_TODAY: TODAY });
const serverEnv = (database: string) => ({
	...cliEnv(database),
	DEMO: '1',
	BODY_SIZE_LIMIT: '25M'
});

/** The database after importing `files` one after the other into a copy of `from`. */
async function applied(from: string, name: string, files: string[]): Promise<Fingerprint> {
	const database = copyDatabase(from, join(work, name, 'app.db'));
	for (const file of files) {
		const result = await cli('import', [file], cliEnv(database));
		expect(result.code, result.stderr).toBe(0);
	}
	return fingerprint(database);
}

/**
 * Which state a database is in. Paused inside the write transaction, only "before" is consistent:
 * "after" would need a commit that the pause ruled out, anything else is a half-written import.
 */
function wholly(state: Fingerprint): 'before' | 'after' | 'partly' {
	if (state.metrics === before.metrics && state.uploads === before.uploads) return 'before';
	if (state.metrics === afterNational.metrics && state.uploads === afterNational.uploads) {
		return 'after';
	}
	return 'partly';
}

/** Where the server keeps an uploaded file between preview and commit. */
const stagedFile = (database: string, token: string) => join(dirname(database), 'staging', token);

/** `npm run import` of the national file; a test that fails leaves no paused import behind. */
function startImport(database: string) {
	const importer = startCli('import', [national], cliEnv(database));
	let ended = false;
	void importer.finished.then(() => (ended = true));
	running.push(() => ended || importer.signal('SIGKILL'));
	const pause = {
		pause: () => importer.signal('SIGSTOP'),
		resume: () => importer.signal('SIGCONT'),
		done: () => ended,
		pids: () => groupMembers(importer.child.pid!)
	};
	return { ...importer, pauseLateInWrite: () => pauseLateInWrite(database, national, pause) };
}

const running: (() => void)[] = [];
test.afterEach(() => running.splice(0).forEach((stop) => stop()));

async function signIn(page: Page, url: string, role: Role) {
	await page.goto(`${url}/anmelden`);
	// Filled before hydration, the fields would be emptied by it and the form sent blank.
	await page.waitForLoadState('networkidle');
	await page.getByLabel('E-Mail-Adresse').fill(ACCOUNTS[role].email);
	await page.getByLabel('Passwort').fill(ACCOUNTS[role].password);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await page.waitForURL((u) => u.pathname !== '/anmelden');
}

async function checkFile(page: Page, url: string, file: string) {
	await page.goto(`${url}/hochladen`);
	await page.locator('input[type=file]').setInputFiles(file);
	await page.getByRole('button', { name: 'Datei prüfen' }).click();
}

/** What a form action answered, also when `use:enhance` sent it (then the status is in the JSON). */
async function actionStatus(response: Response): Promise<number> {
	if (!response.headers()['content-type']?.includes('json')) return response.status();
	return ((await response.json()) as { status: number }).status;
}

function nextPost(page: Page) {
	return page.waitForResponse((r) => r.request().method() === 'POST');
}

/** The top of the page, where its message stands: a preview of 1,320 rows is 20,000 pixels long. */
async function shot(page: Page, name: string) {
	await page.screenshot({ path: `test-results/screenshots/reliability-${name}.png` });
}

/** The last lines of a report, where the summary stands. */
function tail(text: string, lines = 4): string {
	const all = text.trimEnd().split('\n');
	return all.length > lines ? `…\n${all.slice(-lines).join('\n')}\n` : text;
}

/** Shows what an operator sees in the terminal, so that the screenshot can be judged like a page. */
async function showTerminal(page: Page, title: string, runs: [string, Finished][], name: string) {
	const text = runs
		.map(
			([command, r]) =>
				`$ ${command}\n${r.stderr}${tail(r.stdout)}(exit code ${r.code ?? 'none, killed'})`
		)
		.join('\n\n');
	await page.setContent(
		`<h1>${title}</h1><pre style="font-size:16px;background:#111;color:#eee;padding:1rem;white-space:pre-wrap"></pre>`
	);
	await page.locator('pre').evaluate((el, t) => (el.textContent = t), text);
	await shot(page, name);
}

test('kill -9 of the server inside a web commit: after a restart the data is wholly before, and the commit then succeeds', async ({
	page
}) => {
	test.setTimeout(180_000);
	const database = copyDatabase(base, join(work, 'web-kill', 'app.db'));
	let server = await startServer(serverEnv(database));
	const analyst = await WebClient.signIn(
		server.url,
		ACCOUNTS.analyst.email,
		ACCOUNTS.analyst.password
	);
	const token = await analyst.preview(national, 'bundesweit.csv');
	let answered = false;
	const commit = analyst.commit(token).then(
		(r) => ((answered = true), r.status),
		() => ((answered = true), 'connection lost')
	);
	const { child } = server;
	running.push(() => child.exitCode === null && child.kill('SIGKILL'));
	const paused = await pauseLateInWrite(database, stagedFile(database, token), {
		pause: () => child.kill('SIGSTOP'),
		resume: () => child.kill('SIGCONT'),
		done: () => answered,
		pids: () => [child.pid!]
	});
	test.info().annotations.push({ type: 'kill', description: paused });
	const killed = new Promise((resolve) => child.on('exit', (_, signal) => resolve(signal)));
	child.kill('SIGKILL');
	expect(await killed).toBe('SIGKILL');
	expect(await commit).toBe('connection lost');

	server = await startServer(serverEnv(database));
	try {
		expect(integrity(database)).toBe('ok');
		expect(wholly(fingerprint(database))).toBe('before');
		await signIn(page, server.url, 'analyst');
		await page.goto(`${server.url}/hochladen?token=${token}`);
		await page.getByRole('button', { name: 'Übernehmen' }).click();
		await page.waitForURL(/\/lieferungen\?neu=\d+/);
		await expect(page.getByText(/Upload \d+ wurde übernommen/)).toBeVisible();
		await shot(page, 'web-kill-committed-after-restart');
	} finally {
		await server.stop();
	}
	expect(integrity(database)).toBe('ok');
	expect(fingerprint(database)).toEqual(afterNational);
});

test('kill -9 of a CLI import mid-file: the data is wholly before, and the import then succeeds', async ({
	page
}) => {
	test.setTimeout(180_000);
	const database = copyDatabase(base, join(work, 'cli-kill', 'app.db'));
	const importer = startImport(database);
	test.info().annotations.push({ type: 'kill', description: await importer.pauseLateInWrite() });
	importer.signal('SIGKILL');
	const killed = await importer.finished;
	expect(killed.signal).toBe('SIGKILL');

	expect(integrity(database)).toBe('ok');
	expect(wholly(fingerprint(database))).toBe('before');
	const again = await cli('import', [national], cliEnv(database));
	expect(again.code, again.stderr).toBe(0);
	expect(integrity(database)).toBe('ok');
	expect(fingerprint(database)).toEqual(afterNational);
	await showTerminal(
		page,
		'Import mit kill -9 abgebrochen, dann erneut',
		[
			['npm run import -- bundesweit.csv   # kill -9 mitten im Schreiben', killed],
			['npm run import -- bundesweit.csv', again]
		],
		'cli-kill'
	);
});

test('a full disk during an upload gives a clear German message and changes nothing, on the web and in the CLI', async ({
	page
}) => {
	test.setTimeout(180_000);
	const disk = new SmallDisk(join(work, 'disk'));
	test.info().annotations.push({
		type: 'full disk',
		description: disk.mounted ? 'a filled tmpfs' : 'prlimit --fsize (mount refused)'
	});
	try {
		const database = copyDatabase(base, disk.database);
		const own = writeMetrics(join(work, 'guetersloh.csv'), ownRows);
		const server = await startServer(serverEnv(database));
		const pid = server.child.pid!;
		try {
			await signIn(page, server.url, 'jobcenter');
			await checkFile(page, server.url, own);
			await page.waitForURL(/\/hochladen\?token=/);
			const preview = page.url();

			disk.fill({ pid });
			let answer = nextPost(page);
			await page.getByRole('button', { name: 'Übernehmen' }).click();
			expect(await actionStatus(await answer)).toBe(503);
			await expect(page.getByRole('alert').first()).toContainText(STORAGE_MESSAGE);
			await shot(page, 'full-disk-commit');
			expect(fingerprint(database)).toEqual(before);
			expect(integrity(database)).toBe('ok');

			// A new file cannot even be kept for its preview.
			answer = nextPost(page);
			await checkFile(page, server.url, own);
			expect(await actionStatus(await answer)).toBe(503);
			await expect(page.getByRole('alert').first()).toContainText(STORAGE_MESSAGE);
			await shot(page, 'full-disk-preview');

			disk.free(pid);
			await page.goto(preview);
			await page.getByRole('button', { name: 'Übernehmen' }).click();
			await page.waitForURL(/\/lieferungen\?neu=\d+/);
		} finally {
			await server.stop();
		}
		const committed = fingerprint(database);
		expect(committed).toEqual(await applied(base, 'own', [own]));
		expect(committed.metrics).not.toBe(before.metrics);

		// The CLI on the full disk: the whole national file, whose commit needs far more room.
		// Room to open the database, not to commit ten megabytes of rows.
		disk.fill({ room: 1 << 20 });
		const [command, args] = disk.command('npx', ['tsx', 'src/cli/import.ts', national]);
		const full = await run(command, args, cliEnv(database));
		disk.free();
		expect(full.code).toBe(1);
		const lines = full.stderr.trim().split('\n');
		expect(lines.at(-1)).toMatch(
			/^The database .*app\.db could not be written: .*\(SQLITE_[A-Z_]+\)\. Nothing was imported; free space/
		);
		expect(full.stderr).not.toMatch(/\bat .*\.[jt]s:\d+/);
		expect(integrity(database)).toBe('ok');
		expect(fingerprint(database)).toEqual(committed);
		await showTerminal(
			page,
			'Import bei vollem Datenträger',
			[['npm run import -- bundesweit.csv', full]],
			'full-disk-cli'
		);
	} finally {
		disk.remove();
	}
});

test("two users commit the same jobcenter's rows at once: the result equals applying them in order", async ({
	page
}) => {
	test.setTimeout(180_000);
	const database = copyDatabase(base, join(work, 'concurrent', 'app.db'));
	// The jobcenter's own file changes every row that the analyst's national file brings for it.
	const own = writeMetrics(
		join(work, 'guetersloh-korrigiert.csv'),
		ownRows.map((row) => ({
			...row,
			followers: (row.followers ?? 0) + 1,
			posts: (row.posts ?? 0) + 1
		}))
	);
	const server = await startServer(serverEnv(database));
	let refused: boolean;
	try {
		const analyst = await WebClient.signIn(
			server.url,
			ACCOUNTS.analyst.email,
			ACCOUNTS.analyst.password
		);
		const token = await analyst.preview(national, 'bundesweit.csv');
		await signIn(page, server.url, 'jobcenter');
		await checkFile(page, server.url, own);
		await page.waitForURL(/\/hochladen\?token=/);

		let answered = false;
		const national$ = analyst.commit(token).finally(() => (answered = true));
		// The jobcenter commits while the analyst's commit holds the write lock (never paused).
		await pauseLateInWrite(database, stagedFile(database, token), {
			pause() {},
			resume() {},
			done: () => answered,
			pids: () => [server.child.pid!]
		});
		const answer = nextPost(page);
		await page.getByRole('button', { name: 'Übernehmen' }).click();
		const status = await actionStatus(await answer);
		const nationalAnswer = await national$;
		expect(nationalAnswer.status).toBe(303);
		expect(nationalAnswer.headers.get('location')).toMatch(/^\/lieferungen\?neu=\d+$/);
		refused = status !== 303 && status !== 200;
		if (refused) {
			expect(status).toBe(503);
			await expect(page.getByRole('alert').first()).toContainText(BUSY_MESSAGE);
			await shot(page, 'concurrent-refused');
			await page.getByRole('button', { name: 'Übernehmen' }).click();
		}
		await page.waitForURL(/\/lieferungen\?neu=\d+/);
		await shot(page, 'concurrent-both-committed');
	} finally {
		await server.stop();
	}
	test.info().annotations.push({
		type: 'second commit',
		description: refused ? 'refused with a message, then committed again' : 'waited and succeeded'
	});
	expect(integrity(database)).toBe('ok');
	const result = fingerprint(database);
	// In the order the uploads were committed: the national file got the lower id, or not.
	const { nationalFirst } = uploadOrder(database);
	const expected = nationalFirst
		? await applied(nationalDatabase, 'sequential', [own])
		: await applied(base, 'sequential', [own, national]);
	expect(result.metrics).toBe(expected.metrics);
	expect(result.uploads).toBe(expected.uploads);
	expect(expected.metrics).not.toBe(afterNational.metrics);
});

function uploadOrder(database: string) {
	const uploads = readUploads(database);
	expect(uploads).toHaveLength(2);
	return { nationalFirst: uploads[0].file_name === 'bundesweit.csv' };
}

function readUploads(database: string) {
	const sqlite = new Database(database, { readonly: true });
	try {
		return sqlite.prepare('select file_name from upload order by id').all() as {
			file_name: string;
		}[];
	} finally {
		sqlite.close();
	}
}

test('a backup taken while an import writes is consistent: integrity ok and wholly before the import', async ({
	page
}) => {
	test.setTimeout(180_000);
	const database = copyDatabase(base, join(work, 'backup-live', 'app.db'));
	const target = join(work, 'backup', 'sicherung.db');
	// As after a day of the server: the newest committed row is only in the WAL, which a plain copy
	// of the database file would miss. Its month lies outside the national file, which it leaves alone.
	const server = new Database(database);
	server.pragma('wal_autocheckpoint = 0');
	const walOnly = `insert into monthly_metric (jobcenter_id, channel_id, month, followers)
		select id, 'facebook', '2015-01', 4711 from jobcenter where code = '${DEMO_JOBCENTER_CODE}'`;
	let backup: Finished;
	let imported: Finished;
	let committed: Fingerprint;
	try {
		expect(server.prepare(walOnly).run().changes).toBe(1);
		committed = fingerprint(database);
		expect(committed.metrics).not.toBe(before.metrics);
		const importer = startImport(database);
		// Paused inside its transaction, the import holds uncommitted work for the whole backup.
		const paused = await importer.pauseLateInWrite();
		test.info().annotations.push({ type: 'backup', description: paused });
		try {
			backup = await cli('backup', [target], cliEnv(database));
		} finally {
			importer.signal('SIGCONT');
		}
		imported = await importer.finished;
		server.prepare(`delete from monthly_metric where month = '2015-01'`).run();
	} finally {
		server.close();
	}
	expect(backup.code, backup.stderr).toBe(0);
	expect(imported.code, imported.stderr).toBe(0);
	expect(integrity(target)).toBe('ok');
	// Wholly before the import, with the row that was only in the WAL.
	expect(fingerprint(target)).toEqual(committed);
	expect(fingerprint(database)).toEqual(afterNational);
	await showTerminal(
		page,
		'Sicherung während eines Imports',
		[
			['npm run import -- bundesweit.csv &', imported],
			['npm run backup -- sicherung.db', backup]
		],
		'backup-during-import'
	);
});
