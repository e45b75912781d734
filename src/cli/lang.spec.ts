import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './testing';
import { migrateToLatest, openDatabase } from '$lib/server/db';

const dir = mkdtempSync(join(tmpdir(), 'benchlearn-lang-cli-'));
const database = join(dir, 'lang.db');

/** Runs a CLI through tsx on the test database and collects its exit code and both streams. */
const cli = (name: string, args: string[], env: Record<string, string> = {}) =>
	runCli(name, args, database, env);

beforeAll(async () => {
	const db = openDatabase(database);
	await migrateToLatest(db);
	await db.destroy();
});

describe('the messages of the command-line tools', { timeout: 180_000 }, () => {
	it('are German unless --lang en asks for English, on stderr, with stdout left for data', async () => {
		const copy = join(dir, 'copy.db');
		const [backup, migrateDe, migrateEn, seedDe, seedEn, exportDe, exportEn] = await Promise.all([
			cli('backup', [copy, '--lang', 'en']),
			cli('migrate', []),
			cli('migrate', ['--lang', 'en']),
			cli('seed', ['--until', '2026-13']),
			cli('seed', ['--seed', 'x', '--lang', 'en']),
			cli('export', ['--from', '2026']),
			cli('export', ['--to', '2026', '--lang', 'en'])
		]);
		expect(backup).toEqual({ code: 0, stdout: '', stderr: `Backed up ${database} to ${copy}.\n` });
		expect(migrateDe).toEqual({
			code: 0,
			stdout: '',
			stderr: 'Das Datenbankschema ist aktuell.\n'
		});
		expect(migrateEn).toEqual({
			code: 0,
			stdout: '',
			stderr: 'The database schema is up to date.\n'
		});
		expect(seedDe).toEqual({
			code: 2,
			stdout: '',
			stderr: '--until erwartet einen Monat im Format JJJJ-MM, nicht „2026-13“.\n'
		});
		expect(seedEn).toMatchObject({ code: 2, stderr: '--seed must be a whole number, not "x".\n' });
		expect(exportDe).toEqual({
			code: 2,
			stdout: '',
			stderr: '--from erwartet einen Monat im Format JJJJ-MM, nicht „2026“.\n'
		});
		expect(exportEn).toMatchObject({
			code: 2,
			stderr: '--to must be a month YYYY-MM, not "2026".\n'
		});

		// The restore reads the copy back; a server is not running, so it may.
		const restore = await cli('restore', [copy]);
		expect(restore).toMatchObject({ code: 0, stdout: '' });
		expect(restore.stderr).toBe(
			`${database} aus ${copy} wiederhergestellt; der Server migriert die Datenbank bei seinem nächsten Start, falls nötig.\n`
		);
	});

	it('say in the language of --lang why no PDF can be printed', async () => {
		const env = { CHROMIUM_PATH: '/nicht/da/chromium' };
		const args = ['--round', '1', '--out', join(dir, 'bericht.pdf')];
		const [german, english] = await Promise.all([
			cli('report', args, env),
			cli('report', [...args, '--lang', 'en'], env)
		]);
		expect(german).toMatchObject({ code: 2, stdout: '' });
		expect(german.stderr).toBe(
			'Chromium fehlt (/nicht/da/chromium). Bitte installieren: apt-get install chromium chromium-l10n – oder CHROMIUM_PATH auf ein Chromium setzen.\n'
		);
		expect(english).toMatchObject({ code: 2, stdout: '' });
		expect(english.stderr).toBe(
			'Chromium is missing (/nicht/da/chromium). Please install it: apt-get install chromium chromium-l10n – or set CHROMIUM_PATH to a Chromium.\n'
		);
	});

	it('keep their usage in English and refuse a language they do not speak', async () => {
		const [backup, restore, migrate, seed, exported] = await Promise.all([
			cli('backup', []),
			cli('restore', ['a.db', 'b.db']),
			cli('migrate', ['--lang', 'fr']),
			cli('seed', ['--lang', 'fr']),
			cli('export', ['--lang', 'fr'])
		]);
		expect(backup).toMatchObject({
			code: 2,
			stderr: expect.stringMatching(/^Usage: npm run backup -- FILE/)
		});
		expect(restore).toMatchObject({
			code: 2,
			stderr: expect.stringMatching(/^Usage: npm run restore -- FILE/)
		});
		for (const refused of [migrate, seed, exported]) {
			expect(refused).toMatchObject({
				code: 2,
				stdout: '',
				stderr: expect.stringMatching(/^--lang must be de or en, not "fr"\. Usage: npm run /)
			});
		}
	});
});
