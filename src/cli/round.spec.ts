import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './testing';
import { migrateToLatest, openDatabase } from '$lib/server/db';
import { addJobcenter } from '$lib/server/db/testing';

const database = join(mkdtempSync(join(tmpdir(), 'benchlearn-round-cli-')), 'round.db');

const round = (...args: string[]) => runCli('round', args, database);

beforeAll(async () => {
	const db = openDatabase(database);
	await migrateToLatest(db);
	for (const code of ['20001', '20002', '20003']) await addJobcenter(db, code, 'Ring Ost');
	await addJobcenter(db, '20004', null);
	await db.destroy();
});

describe('npm run round', { timeout: 180_000 }, () => {
	it('creates rounds from a ring and from codes, prints their ids and lists them', async () => {
		const ring = [
			'--name',
			'Ost 2026',
			'--from',
			'2026-01',
			'--to',
			'2026-06',
			'--ring',
			'Ring Ost'
		];
		expect(await round('create', ...ring)).toMatchObject({ code: 0, stdout: '1\n' });
		const codes = [
			'--name',
			'Paar',
			'--from',
			'2026-03',
			'--to',
			'2026-03',
			'--jobcenters',
			'20001,20004'
		];
		expect(await round('create', ...codes)).toMatchObject({ code: 0, stdout: '2\n' });
		const { code, stdout } = await round('list');
		expect(code).toBe(0);
		expect(stdout).toBe(
			'id\tname\tfrom\tto\tparticipants\tstatus\n' +
				'1\tOst 2026\t2026-01\t2026-06\t3\topen\n' +
				'2\tPaar\t2026-03\t2026-03\t2\topen\n'
		);
	});

	it('exits with 2 and says what is wrong', async () => {
		const args = [
			'--name',
			'X',
			'--from',
			'2026-06',
			'--to',
			'2026-01',
			'--jobcenters',
			'20001,99999'
		];
		const { code, stdout, stderr } = await round('create', ...args);
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toBe(
			'Der erste Monat (2026-06) liegt nach dem letzten Monat (2026-01).\n' +
				'Diese Jobcenter-Kennungen gibt es nicht: 99999.\n'
		);
		expect((await round('delete')).code).toBe(2);
	});

	it('closes and reopens a round, and refuses what does not fit its status', async () => {
		expect(await round('close', '1')).toMatchObject({
			code: 0,
			stderr: 'Runde 1 abgeschlossen; ihre Zahlen sind jetzt eingefroren.\n'
		});
		expect((await round('list')).stdout).toContain('1\tOst 2026\t2026-01\t2026-06\t3\tclosed\n');
		expect(await round('close', '1')).toMatchObject({
			code: 2,
			stderr: 'Die Runde „Ost 2026“ ist schon abgeschlossen.\n'
		});
		expect(await round('reopen', '1')).toMatchObject({
			code: 0,
			stderr: 'Runde 1 wieder geöffnet.\n'
		});
		expect(await round('reopen', '1')).toMatchObject({ code: 2 });
		expect((await round('close')).code).toBe(2);
		expect((await round('close', 'x')).code).toBe(2);
	});

	it('writes its messages in English with --lang en, and its usage always in English', async () => {
		expect(await round('close', '1', '--lang', 'en')).toMatchObject({
			code: 0,
			stderr: 'Round 1 closed; its figures are frozen now.\n'
		});
		// The refusal comes from the lifecycle module's messages, which follow --lang too.
		expect(await round('close', '1', '--lang', 'en')).toMatchObject({
			code: 2,
			stderr: 'The round “Ost 2026” is already closed.\n'
		});
		expect(await round('reopen', '1', '--lang', 'en')).toMatchObject({
			code: 0,
			stderr: 'Round 1 reopened.\n'
		});
		// The list is data: the same columns and values whatever the language.
		const list = await round('list', '--lang', 'en');
		expect(list.stdout).toMatch(/^id\tname\tfrom\tto\tparticipants\tstatus\n1\tOst 2026\t/);
		const usage = await round('delete');
		expect(usage.stderr).toMatch(/^Usage: npm run round -- create --name NAME --from YYYY-MM /);
		expect(await round('list', '--lang', 'fr')).toMatchObject({
			code: 2,
			stdout: '',
			stderr: expect.stringContaining('--lang must be de or en, not "fr".')
		});
	});
});
