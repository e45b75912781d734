/**
 * What a web import's worker hands the server: every issue code's count, but only the first issues
 * of each, so that a file with 100,000 bad rows is neither copied to the server's thread nor
 * serialised there; the complete lists go into error CSVs beside the staged file.
 */
import { rmSync, writeFileSync } from 'node:fs';
import type { IngestResult } from './ingest';
import type { CodeCounts } from './issues';
import type { Issue, Lang } from './messages';
import { errorCsv } from './preview';

/**
 * The preview lists a file's first 100 issues, and each of them is among the first 100 of its
 * code: the page looks the same with only these.
 */
export const LISTED_PER_CODE = 100;

const LANGS: Lang[] = ['de', 'en'];

/** The error CSV of a staged file whose issues did not all go into its result. */
export function issuesCsvPath(stagedPath: string, lang: Lang): string {
	return `${stagedPath}.fehler-${lang}.csv`;
}

function firstOfEachCode(issues: Issue[], counts: CodeCounts): Issue[] {
	return issues.filter((i) => (counts[i.code] = (counts[i.code] ?? 0) + 1) <= LISTED_PER_CODE);
}

/**
 * The result with at most `LISTED_PER_CODE` issues per code and `codeCounts` set. The error CSVs
 * are written for `stagedPath` when it is given and issues were left out, and removed otherwise,
 * so that a repeated check never leaves an earlier file's list behind.
 */
export function boundResult(result: IngestResult, stagedPath: string | null): IngestResult {
	const codeCounts: CodeCounts = {};
	const errors = firstOfEachCode(result.errors, codeCounts);
	const warnings = firstOfEachCode(result.warnings, codeCounts);
	const complete =
		errors.length === result.errors.length && warnings.length === result.warnings.length;
	if (stagedPath !== null) {
		for (const lang of LANGS) {
			const path = issuesCsvPath(stagedPath, lang);
			if (complete) rmSync(path, { force: true });
			else writeFileSync(path, errorCsv([...result.errors, ...result.warnings], lang));
		}
	}
	return complete ? result : { ...result, errors, warnings, codeCounts };
}
