/** Files kept between preview and commit: bytes and the dry run's result behind a random token, for 24 hours. */
import { randomBytes } from 'node:crypto';
import {
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { dirname, join } from 'node:path';
import { issuesCsvPath } from './bounded';

export const STAGING_HOURS = 24;
const MAX_AGE_MS = STAGING_HOURS * 3_600_000;
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

export interface StagedMeta {
	fileName: string;
	/** Only the person who uploaded a file may see, commit or discard it. */
	userId: number;
	stagedAt: number;
}

export interface Staged<R> {
	token: string;
	/** The bytes as uploaded. */
	path: string;
	meta: StagedMeta;
	result: R;
}

/** `data/staging/` beside the database file. */
export function stagingDir(databasePath: string): string {
	return join(dirname(databasePath), 'staging');
}

export function stage<R>(dir: string, bytes: Uint8Array, meta: StagedMeta, result?: R): string {
	mkdirSync(dir, { recursive: true });
	const token = randomBytes(24).toString('base64url');
	writeFileSync(join(dir, token), bytes);
	if (result !== undefined) saveResult(dir, token, meta, result);
	return token;
}

/** Stages a file already received into `dir` (see `receive.ts`), by moving it under its token. */
export function stageFile(dir: string, path: string): string {
	const token = randomBytes(24).toString('base64url');
	renameSync(path, join(dir, token));
	return token;
}

export function saveResult<R>(dir: string, token: string, meta: StagedMeta, result: R): void {
	writeFileSync(join(dir, `${token}.json`), JSON.stringify({ meta, result }));
}

/** The staged file, or null when the token is malformed, unknown, expired or someone else's. */
export function findStaged<R>(
	dir: string,
	token: string | null,
	userId: number,
	now = Date.now()
): Staged<R> | null {
	if (!token || !TOKEN.test(token)) return null;
	let stored: { meta: StagedMeta; result: R };
	try {
		stored = JSON.parse(readFileSync(join(dir, `${token}.json`), 'utf8'));
		statSync(join(dir, token));
	} catch {
		return null;
	}
	if (stored.meta.userId !== userId || now - stored.meta.stagedAt > MAX_AGE_MS) return null;
	return { token, path: join(dir, token), meta: stored.meta, result: stored.result };
}

export function discard(dir: string, token: string): void {
	if (!TOKEN.test(token)) return;
	rmSync(join(dir, token), { force: true });
	rmSync(join(dir, `${token}.json`), { force: true });
	for (const lang of ['de', 'en'] as const)
		rmSync(issuesCsvPath(join(dir, token), lang), { force: true });
}

/** Removes every staged file older than 24 hours; returns how many files went. */
export function sweep(dir: string, now = Date.now()): number {
	let removed = 0;
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return 0;
	}
	for (const name of names) {
		const path = join(dir, name);
		try {
			if (now - statSync(path).mtimeMs > MAX_AGE_MS) {
				rmSync(path, { force: true });
				removed++;
			}
		} catch {
			// Removed meanwhile by a parallel request.
		}
	}
	return removed;
}
