import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing';
import { migrateToLatest, openDatabase } from '$lib/server/db';
import { dumpTables } from '$lib/server/db/dump';

const dir = mkdtempSync(join(tmpdir(), 'benchlearn-cli-native-'));
const fixture = (name: string) => `tests/fixtures/native/${name}`;
const FB_POSTS = fixture('Dec-01-2024_Mar-15-2025_1099511627776.csv');
const FB_REACH = fixture('Facebook_Reichweite_Excel.csv');
const FOLLOWS = fixture('Follows.csv');
const IG_POSTS = fixture('Instagram_Beitraege_Jobcenter.csv');
const WRAPPED = fixture('Jan-01-2025_Jan-31-2025_wrapped.csv');

/** Runs a CLI as `npm run` would, through tsx, and collects its exit code and both streams. */
const cli = (name: string, args: string[], database: string) =>
	runCli(name, args, database, { BENCHLEARN_TODAY: '2026-11-15' });

/** A migrated database with one jobcenter, 05754. */
async function database(name: string) {
	const path = join(dir, name);
	const db = openDatabase(path);
	await migrateToLatest(db);
	await db
		.insertInto('jobcenter')
		.values({
			code: '05754',
			name: 'Jobcenter Musterstadt',
			state: 'NW',
			carrier: 'gE',
			elb: 9000,
			ring: null
		})
		.execute();
	await db.destroy();
	return path;
}

async function dumpOf(path: string) {
	const db = openDatabase(path);
	try {
		return await dumpTables(db);
	} finally {
		await db.destroy();
	}
}

describe('npm run import with platform exports', { timeout: 120_000 }, () => {
	it('imports several files as one upload with --json, and undoes it as a whole', async () => {
		const path = await database('several.db');
		const before = await dumpOf(path);
		const args = [FB_POSTS, FB_REACH, FOLLOWS, '--jobcenter', '5754', '--json'];
		const dry = await cli('import', [...args, '--dry-run'], path);
		expect([dry.code, JSON.parse(dry.stdout).uploadId]).toEqual([0, null]);
		expect(await dumpOf(path)).toEqual(before);

		const imported = await cli('import', args, path);
		expect(imported.code).toBe(0);
		const report = JSON.parse(imported.stdout);
		expect(report).toMatchObject({ kind: 'metrics', inserted: 3, updated: 0, errors: [] });
		expect(report.files.map((f: { format: string }) => f.format)).toEqual([
			'meta-posts',
			'meta-daily',
			'meta-daily'
		]);
		expect(report.files[0]).toMatchObject({
			file: 'Dec-01-2024_Mar-15-2025_1099511627776.csv',
			channel: 'facebook',
			months: ['2024-12', '2025-01', '2025-02'],
			skipped: [
				{
					month: '2025-03',
					reason:
						'March 2025 is only partly covered (15 of 31 days, 1 Mar 2025 to 15 Mar 2025) and is not stored.'
				}
			]
		});
		expect(report.files[1]).toMatchObject({
			months: ['2025-01', '2025-02'],
			skipped: [{ month: '2025-03' }]
		});
		expect(report.files[2]).toMatchObject({ notUsed: 'Follows', months: [], skipped: [] });
		expect(report.warnings.map((w: { file: string; code: string }) => [w.file, w.code])).toEqual([
			['Dec-01-2024_Mar-15-2025_1099511627776.csv', 'native_views_differ'],
			['Dec-01-2024_Mar-15-2025_1099511627776.csv', 'native_overridden'],
			['Facebook_Reichweite_Excel.csv', 'native_missing_days'],
			['Follows.csv', 'native_not_used']
		]);
		const after = await dumpOf(path);
		expect(after.upload).toHaveLength(1);

		const again = await cli('import', args, path);
		expect([again.code, JSON.parse(again.stdout).unchanged]).toEqual([0, 3]);
		// German unless --lang asks otherwise; a message, so on stderr, and stdout stays empty.
		const undone = await cli('undo', [String(report.uploadId)], path);
		expect(undone).toMatchObject({ code: 0, stdout: '' });
		expect(undone.stderr).toMatch(
			/Upload \d+ rückgängig gemacht; \d+ Zeilen wiederhergestellt\.\n/
		);
		expect((await dumpOf(path)).monthly_metric).toEqual(before.monthly_metric);
	});

	it('says in German what it read, and writes nothing when one file is rejected (exit 1)', async () => {
		const path = await database('rejected.db');
		const before = await dumpOf(path);
		const [text, rejected, noPeriod] = await Promise.all([
			cli('import', [FB_POSTS, '--jobcenter', '05754', '--dry-run'], path),
			cli('import', [FB_POSTS, WRAPPED, '--jobcenter', '05754', '--json'], path),
			cli('import', [IG_POSTS, '--jobcenter', '05754'], path)
		]);
		expect(text.code).toBe(0);
		expect(text.stdout).toContain('Export meta-posts · Facebook · UTF-8-BOM');
		expect(text.stdout).toContain('Vollständige Monate: Dezember 2024, Januar 2025, Februar 2025');
		expect(text.stdout).toContain('Nicht gespeichert: März 2025 ist nur teilweise enthalten');
		expect(text.stdout).toMatch(/Probelauf, nichts geschrieben; ein Import ergäbe: 3 neu/);

		expect(rejected.code).toBe(1);
		const report = JSON.parse(rejected.stdout);
		expect(report).toMatchObject({ uploadId: null, inserted: 0 });
		expect(report.errors.map((e: { file: string; code: string }) => [e.file, e.code])).toEqual([
			['Jan-01-2025_Jan-31-2025_wrapped.csv', 'native_wrapped_lines']
		]);
		expect(noPeriod.code).toBe(1);
		expect(noPeriod.stdout).toContain('Der Zeitraum des Exports steht nicht im Dateinamen');
		expect(await dumpOf(path)).toEqual(before);

		const withPeriod = await cli(
			'import',
			[IG_POSTS, '--jobcenter', '05754', '--from', '2025-01-01', '--to', '2025-02-28', '--json'],
			path
		);
		expect(withPeriod.code).toBe(0);
		expect(JSON.parse(withPeriod.stdout).files[0]).toMatchObject({
			format: 'meta-posts',
			channel: 'instagram',
			period: { from: '2025-01-01', to: '2025-02-28', source: 'user' },
			months: ['2025-01', '2025-02']
		});
		const contradicted = await cli(
			'import',
			[FB_POSTS, '--jobcenter', '05754', '--channel', 'instagram', '--json'],
			path
		);
		expect(contradicted.code).toBe(1);
		expect(JSON.parse(contradicted.stdout).errors[0].code).toBe('native_channel_contradicts');
	});

	it('refuses wrong usage with exit code 2 and nothing on stdout', async () => {
		const path = await database('usage.db');
		const before = await dumpOf(path);
		const cases = [
			[FB_POSTS],
			[FB_POSTS, '--jobcenter', '99999'],
			[FB_POSTS, '--jobcenter', '05754', '--from', '2025-01-01'],
			[FB_POSTS, '--jobcenter', '05754', '--from', '2025-02-01', '--to', '2025-01-01'],
			[FB_POSTS, '--jobcenter', '05754', '--channel', 'myspace'],
			['tests/fixtures/ingest/metrics-utf8-bom.csv', '--jobcenter', '05754'],
			[FB_POSTS, join(dir, 'missing.csv'), '--jobcenter', '05754']
		];
		const results = await Promise.all(cases.map((args) => cli('import', args, path)));
		for (const result of results) {
			expect(result.code).toBe(2);
			expect(result.stdout).toBe('');
		}
		expect(results[0].stderr).toContain('Platform exports need --jobcenter CODE.');
		expect(results[1].stderr).toContain('"99999" is not a known jobcenter code');
		expect(results[2].stderr).toContain('--from and --to go together.');
		expect(results[5].stderr).toContain("Benchlearn's own layout");
		expect(await dumpOf(path)).toEqual(before);
	});
});
