import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqliteOf } from '$lib/server/db';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { boundResult, issuesCsvPath, LISTED_PER_CODE } from './bounded';
import type { IngestResult } from './ingest';
import { importInWorker } from './in-worker';
import type { Issue } from './messages';
import { groupByReason } from './preview';

const ANALYST = { jobcenterId: null, mayImportRegister: true };
const ENV = { BENCHLEARN_TODAY: '2026-11-25' };
const BAD_ROWS = 100_000;

const issue = (line: number, code: Issue['code']): Issue => ({
	line,
	column: 'jobcenter',
	value: 'x',
	code
});

describe('boundResult', () => {
	it('keeps the first issues of each code, so that the first page of all of them stays', () => {
		const errors = [
			...Array.from({ length: 300 }, (_, i) => issue(i + 2, 'unknown_jobcenter')),
			issue(150, 'bad_month')
		].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
		const result = { errors, warnings: [] } as unknown as IngestResult;
		const bounded = boundResult(result, null);
		expect(bounded.errors.slice(0, 100)).toEqual(errors.slice(0, 100));
		expect(bounded.errors).toHaveLength(LISTED_PER_CODE + 1);
		expect(bounded.codeCounts).toEqual({ unknown_jobcenter: 300, bad_month: 1 });
		expect(groupByReason(bounded.errors, 'de', bounded.codeCounts)).toMatchObject([
			{ code: 'unknown_jobcenter', count: 300 },
			{ code: 'bad_month', count: 1 }
		]);
	});

	it('leaves a result with few issues of each code as it is', () => {
		const result = { errors: [issue(2, 'bad_month')], warnings: [] } as unknown as IngestResult;
		expect(boundResult(result, null)).toBe(result);
	});
});

describe('a web check of a file with 100,000 bad rows', { timeout: 120_000 }, () => {
	it('hands the server a small result and writes every issue into the error CSV', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const path = sqliteOf(db).name;
		const lines = ['jobcenter,month,channel,posts'];
		for (let i = 0; i < BAD_ROWS; i++) lines.push(`${10_000 + i},2025-01,x,1`);
		const file = join(path, '..', 'staged');
		writeFileSync(file, lines.join('\n'));
		const options = { fileName: 'bad.csv', userId: null, scope: ANALYST, env: ENV, dryRun: true };

		const result = await importInWorker(path, file, options);
		expect(result.errorCount).toBe(BAD_ROWS);
		expect(result.codeCounts).toEqual({ unknown_jobcenter: BAD_ROWS });
		expect(result.errors).toHaveLength(LISTED_PER_CODE);
		expect(JSON.stringify(result).length).toBeLessThan(100_000);
		for (const lang of ['de', 'en'] as const) {
			const csv = readFileSync(issuesCsvPath(file, lang), 'utf8');
			// The header, then one line per issue.
			expect(csv.trimEnd().split('\n')).toHaveLength(1 + result.errorCount);
			expect(csv).toContain(lang === 'de' ? '109999' : 'Unknown');
		}

		// Checked again once corrected, the file leaves no list of its old issues behind.
		writeFileSync(file, 'jobcenter,month,channel,posts\n05754,2025-01,x,1\n');
		const fixed = await importInWorker(path, file, options);
		expect(fixed).toMatchObject({ errorCount: 0, errors: [] });
		expect(fixed.codeCounts).toBeUndefined();
		expect(existsSync(issuesCsvPath(file, 'de'))).toBe(false);
	});
});
