import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CHANNEL_IDS } from '$lib/channels';
import { sqliteOf, type DB } from '$lib/server/db';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { addMonths } from '$lib/months';
import { fileSource } from './dialect';
import { importFile, type IngestOptions } from './ingest';

const ENV = { BENCHLEARN_TODAY: '2026-11-25' };
const CODES = Array.from({ length: 15 }, (_, i) => `05${String(700 + i)}`);
const dir = mkdtempSync(join(tmpdir(), 'pipeline-'));

/** 15 jobcenters × 11 channels × 120 months: more rows than one batch, in German Excel's dialect. */
function bigFile(name: string, followers: (code: number, month: number) => number): string {
	const lines = ['Kennung;Monat;Kanal;Follower;Beiträge'];
	CODES.forEach((code, c) => {
		for (const channel of CHANNEL_IDS)
			for (let m = 0; m < 120; m++)
				lines.push(`${code};${addMonths('2016-11', m)};${channel};${followers(c, m)};${m % 7}`);
	});
	const path = join(dir, name);
	writeFileSync(path, lines.join('\r\n') + '\r\n');
	return path;
}

/** The register, and stored rows for the first three jobcenters (the others have none). */
async function setUp(): Promise<DB> {
	const db = await testDatabase();
	for (const code of CODES) await addJobcenter(db, code);
	const first = bigFile('first.csv', (c, m) => (c < 3 ? 1000 + m : 0));
	const stored = await importFile(db, fileSource(first), options({ stagedWrite: false }));
	expect(stored.errorCount).toBe(0);
	// Keep rows only for the first three: the rest are fresh jobcenters again.
	await db.deleteFrom('monthly_metric').where('jobcenter_id', '>', 3).execute();
	return db;
}

function options(extra: Partial<IngestOptions> = {}): IngestOptions {
	const scope = { jobcenterId: null, mayImportRegister: true };
	return { fileName: 'monatsdaten.csv', userId: null, scope, env: ENV, ...extra };
}

// Changed figures for the stored rows, a jump the plausibility check warns about, unchanged rows.
const second = () => bigFile('second.csv', (c, m) => (c === 1 && m === 60 ? 90_000 : 1000 + m));

async function stateOf(db: DB) {
	const without = (rows: Record<string, unknown>[]) =>
		rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.endsWith('_at'))));
	return {
		metrics: await db
			.selectFrom('monthly_metric')
			.selectAll()
			.orderBy(['jobcenter_id', 'channel_id', 'month'])
			.execute(),
		images: without(
			await db
				.selectFrom('upload_metric_change')
				.selectAll()
				.orderBy(['upload_id', 'jobcenter_id', 'channel_id', 'month'])
				.execute()
		),
		uploads: without(await db.selectFrom('upload').selectAll().orderBy('id').execute()),
		jobcenters: await db
			.selectFrom('upload_metric_jobcenter')
			.selectAll()
			.orderBy(['upload_id', 'jobcenter_id'])
			.execute()
	};
}

const VARIANTS: [string, Partial<IngestOptions>][] = [
	['staged, validated in its own thread', { threadFromBytes: 0 }],
	['staged, validated in the same thread', { threadFromBytes: Infinity }]
];

describe('the staged pipeline', () => {
	it.each(VARIANTS)('%s: imports exactly as one transaction does', async (_name, variant) => {
		const reference = await setUp();
		const expected = await importFile(
			reference,
			fileSource(second()),
			options({ stagedWrite: false })
		);
		expect(expected.errorCount).toBe(0);
		expect(expected.warningCount).toBeGreaterThan(0);
		expect(expected.updated).toBeGreaterThan(0);
		// More rows than one batch that the validating thread hands on.
		expect(expected.inserted + expected.updated + expected.unchanged).toBeGreaterThan(16_384);
		const db = await setUp();
		const result = await importFile(db, fileSource(second()), options(variant));
		expect(result).toEqual(expected);
		expect(await stateOf(db)).toEqual(await stateOf(reference));
	});

	it.each(VARIANTS)('%s: checks exactly as one snapshot does', async (_name, variant) => {
		const reference = await setUp();
		const expected = await importFile(
			reference,
			fileSource(second()),
			options({ stagedWrite: false, dryRun: true })
		);
		const db = await setUp();
		const before = await stateOf(db);
		expect(
			await importFile(db, fileSource(second()), options({ ...variant, dryRun: true }))
		).toEqual(expected);
		expect(await stateOf(db)).toEqual(before);
	});

	it('holds the write lock only while it applies the staged rows', async () => {
		const db = await setUp();
		const other = new SQLite(sqliteOf(db).name, { timeout: 0 });
		const probes = new Set<string>();
		const probe = (phase: string) => () => {
			try {
				other.exec('begin immediate; rollback');
				probes.add(`${phase}: free`);
			} catch (e) {
				probes.add(`${phase}: ${(e as { code: string }).code}`);
			}
		};
		const result = await importFile(
			db,
			fileSource(second()),
			options({
				threadFromBytes: 0,
				onBytesRead: probe('staging'),
				onProgress: probe('applying')
			})
		);
		other.close();
		expect(result.uploadId).not.toBeNull();
		expect([...probes]).toEqual(['staging: free', 'applying: SQLITE_BUSY']);
	});

	it('compares and writes again when stored rows change while the file is staged', async () => {
		const change = 'update monthly_metric set followers = 5 where jobcenter_id = 2 and month = ?';
		const reference = await setUp();
		sqliteOf(reference).prepare(change).run('2021-01');
		const expected = await importFile(
			reference,
			fileSource(second()),
			options({ stagedWrite: false })
		);
		const db = await setUp();
		const other = new SQLite(sqliteOf(db).name);
		let changed = false;
		const result = await importFile(
			db,
			fileSource(second()),
			options({
				threadFromBytes: 0,
				onBytesRead: () => {
					if (!changed) other.prepare(change).run('2021-01');
					changed = true;
				}
			})
		);
		other.close();
		expect(changed).toBe(true);
		expect(result).toEqual(expected);
		expect(await stateOf(db)).toEqual(await stateOf(reference));
	});
});
