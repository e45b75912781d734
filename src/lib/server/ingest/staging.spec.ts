import { existsSync, mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discard, findStaged, saveResult, stage, stagingDir, sweep } from './staging';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'benchlearn-staging-')), 'staging');
const HOUR = 3_600_000;

describe('staging', () => {
	it('lies beside the database file', () => {
		expect(stagingDir('/srv/benchlearn/data/benchlearn.db')).toBe('/srv/benchlearn/data/staging');
	});

	it('keeps bytes and result behind a token for their uploader only', () => {
		const dir = fresh();
		const meta = { fileName: 'daten.csv', userId: 7, stagedAt: Date.now() };
		const token = stage(dir, Buffer.from('a;b\n1;2\n'), meta, { inserted: 1 });
		expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
		const staged = findStaged<{ inserted: number }>(dir, token, 7);
		expect(staged).toMatchObject({ token, meta, result: { inserted: 1 } });
		expect(findStaged(dir, token, 8)).toBeNull();
		saveResult(dir, token, meta, { inserted: 2 });
		expect(findStaged<{ inserted: number }>(dir, token, 7)?.result.inserted).toBe(2);
		discard(dir, token);
		expect(findStaged(dir, token, 7)).toBeNull();
		expect(readdirSync(dir)).toEqual([]);
	});

	it('refuses malformed tokens, so that no path outside the folder can be named', () => {
		const dir = fresh();
		expect(findStaged(dir, '../../benchlearn.db', 1)).toBeNull();
		expect(findStaged(dir, null, 1)).toBeNull();
		expect(() => discard(dir, '../x')).not.toThrow();
	});

	it('expires after 24 hours and sweeps old files away', () => {
		const dir = fresh();
		const now = Date.now();
		const old = stage(
			dir,
			Buffer.from('x'),
			{ fileName: 'a.csv', userId: 1, stagedAt: now - 25 * HOUR },
			{}
		);
		const young = stage(dir, Buffer.from('y'), { fileName: 'b.csv', userId: 1, stagedAt: now }, {});
		expect(findStaged(dir, old, 1, now)).toBeNull();
		for (const name of [old, `${old}.json`]) {
			const then = new Date(now - 25 * HOUR);
			utimesSync(join(dir, name), then, then);
		}
		expect(sweep(dir, now)).toBe(2);
		expect(existsSync(join(dir, old))).toBe(false);
		expect(findStaged(dir, young, 1, now)).not.toBeNull();
		expect(sweep(join(dir, 'missing'))).toBe(0);
	});
});
