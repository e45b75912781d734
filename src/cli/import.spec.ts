import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CHANNEL_IDS } from '$lib/channels';
import { monthRange } from '$lib/months';
import { migrateToLatest, openDatabase } from '$lib/server/db';
import { dumpTables } from '$lib/server/db/dump';
import { seedDemoData } from '$lib/server/demo/seed';

const dir = mkdtempSync(join(tmpdir(), 'benchlearn-cli-'));

/** Runs a CLI as `npm run` would, through tsx, and collects its exit code and both streams. */
function cli(
	name: string,
	args: string[],
	database: string,
	onStderr: (text: string, pid: number) => void = () => {}
) {
	// A group of its own, so that a test can kill tsx's node child with it.
	const child = spawn('npx', ['tsx', `src/cli/${name}.ts`, ...args], {
		env: { ...process.env, DATABASE_PATH: database, BENCHLEARN_TODAY: '2026-11-25' },
		detached: true
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => {
		stderr += d;
		onStderr(stderr, child.pid as number);
	});
	return new Promise<{
		code: number | null;
		signal: string | null;
		stdout: string;
		stderr: string;
	}>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

async function demoDatabase(name: string) {
	const path = join(dir, name);
	const db = openDatabase(path);
	await migrateToLatest(db);
	await seedDemoData(db, { until: '2026-10' });
	const dump = await dumpTables(db);
	await db.destroy();
	return { path, dump };
}

async function dumpOf(path: string) {
	const db = openDatabase(path);
	try {
		return await dumpTables(db);
	} finally {
		await db.destroy();
	}
}

describe('npm run import', { timeout: 60_000 }, () => {
	it('leaves the database unchanged when the importer dies mid-transaction', async () => {
		const { path, dump } = await demoDatabase('crash.db');
		const exported = await cli('export', [], path);
		expect(exported.code).toBe(0);
		// Every followers count one higher: each of the ~5,000 rows becomes an update.
		const changed = exported.stdout.replace(
			/^(\d+,\d{4}-\d\d,\w+,)(\d+)/gm,
			(_, key, n) => `${key}${Number(n) + 1}`
		);
		const file = join(dir, 'changed.csv');
		writeFileSync(file, changed);
		const crashed = await cli('testing/crash-import', [file, '1200'], path);
		expect(crashed.code).toBe(99);
		expect(await dumpOf(path)).toEqual(dump);

		const imported = await cli('import', [file, '--json'], path);
		expect(imported.code).toBe(0);
		const report = JSON.parse(imported.stdout);
		expect(report.updated).toBeGreaterThan(1200);
		const undone = await cli('undo', [String(report.uploadId), '--lang', 'en'], path);
		// A message, not data: on stderr, and stdout stays empty.
		expect(undone).toMatchObject({ code: 0, stdout: '' });
		expect(undone.stderr).toMatch(/Upload \d+ undone; \d+ rows restored\.\n/);
		expect((await dumpOf(path)).monthly_metric).toEqual(dump.monthly_metric);
		expect((await cli('undo', [String(report.uploadId)], path)).code).toBe(1);
	});

	it('leaves the database unchanged and sound when the import is killed while it writes', async () => {
		const { path, dump } = await demoDatabase('killed.db');
		const codes = dump.jobcenter.map((j) => (j as { code: string }).code);
		const lines = ['jobcenter,month,channel,followers,posts'];
		for (const code of codes)
			for (const channel of CHANNEL_IDS)
				for (const month of monthRange('2016-01', '2026-10'))
					lines.push(`${code},${month},${channel},7,1`);
		expect(lines.length).toBeGreaterThan(80_000);
		const file = join(dir, 'big.csv');
		writeFileSync(file, lines.join('\n') + '\n');
		let killed = false;
		// The CLI reports lines only while it writes: kill -9 at the first report, mid-transaction.
		const result = await cli('import', [file], path, (stderr, pid) => {
			if (killed || !/\d+ lines/.test(stderr)) return;
			killed = true;
			process.kill(-pid, 'SIGKILL');
		});
		expect(killed).toBe(true);
		expect(result.signal).toBe('SIGKILL');
		// Before writing, it told how much of the file it had read.
		expect(result.stderr).toContain('… 50 % read\n');
		expect(result.stderr.indexOf('… 100 % read')).toBeLessThan(result.stderr.search(/\d+ lines/));
		expect(await dumpOf(path)).toEqual(dump);
		const db = openDatabase(path);
		try {
			expect((await sql`pragma integrity_check`.execute(db)).rows).toEqual([
				{ integrity_check: 'ok' }
			]);
		} finally {
			await db.destroy();
		}
	});

	it('keeps the --json contract and its exit codes', async () => {
		const { path, dump } = await demoDatabase('contract.db');
		const ok = await cli(
			'import',
			['tests/fixtures/ingest/metrics-utf8-bom.csv', '--json', '--dry-run'],
			path
		);
		expect(ok.code).toBe(0);
		const report = JSON.parse(ok.stdout);
		expect(Object.keys(report)).toEqual([
			'kind',
			'dialect',
			'uploadId',
			'inserted',
			'updated',
			'unchanged',
			'errors',
			'warnings'
		]);
		expect(report).toMatchObject({
			kind: 'metrics',
			dialect: { encoding: 'utf-8-bom', delimiter: ',', numberStyle: 'en' },
			uploadId: null,
			updated: 3
		});

		const bad = await cli('import', ['tests/fixtures/ingest/metrics-errors.csv', '--json'], path);
		expect(bad.code).toBe(1);
		const errors = JSON.parse(bad.stdout).errors;
		expect(errors[0]).toEqual({
			line: 2,
			column: 'jobcenter',
			value: '99999',
			code: 'unknown_jobcenter',
			message: 'Unknown jobcenter code.'
		});
		expect(errors).toHaveLength(10);

		const empty = join(dir, 'empty.csv');
		writeFileSync(empty, '');
		const binary = join(dir, 'book.xls');
		writeFileSync(binary, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
		const cases = [[join(dir, 'missing.csv')], [empty], [binary], ['a.csv', '--lang', 'fr']];
		const usages = await Promise.all(cases.map((args) => cli('import', args, path)));
		for (const usage of usages) {
			expect(usage.code).toBe(2);
			expect(usage.stdout).toBe('');
		}
		expect(usages[1].stderr).toContain('empty.csv: Die Datei ist leer.');
		const blank = join(dir, 'blank.csv');
		writeFileSync(blank, '\r\n  \r\n');
		const english = await cli('import', [blank, '--lang', 'en'], path);
		expect([english.code, english.stderr]).toEqual([
			2,
			expect.stringContaining('blank.csv: The file is empty.')
		]);
		expect(await dumpOf(path)).toEqual(dump);
	});
});
