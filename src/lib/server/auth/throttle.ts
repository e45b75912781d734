/** Throttles failed logins per account and per address: after too many failures, wait before the next try. */
import type { DB } from '$lib/server/db';

export const MAX_FAILURES = 5;
/** Higher per address: a whole office behind one proxy shares it. */
export const MAX_FAILURES_PER_ADDRESS = 30;
export const WINDOW_MS = 15 * 60 * 1000;

/** Milliseconds until the next try is allowed, 0 when it is allowed now. */
export function waitTime(failures: number[], now: number, max = MAX_FAILURES): number {
	const recent = failures.filter((at) => at > now - WINDOW_MS).sort((a, b) => a - b);
	if (recent.length < max) return 0;
	// Blocked until the oldest of the last `max` failures leaves the window.
	return recent[recent.length - max] + WINDOW_MS - now;
}

export function throttleKeys(email: string, address: string): string[] {
	return [`email:${email.trim().toLowerCase()}`, `address:${address}`];
}

export async function loginWait(db: DB, keys: string[], now = Date.now()): Promise<number> {
	const rows = await db
		.selectFrom('login_failure')
		.select(['key', 'at'])
		.where('key', 'in', keys)
		.where('at', '>', now - WINDOW_MS)
		.execute();
	return Math.max(
		0,
		...keys.map((k) => {
			const max = k.startsWith('address:') ? MAX_FAILURES_PER_ADDRESS : MAX_FAILURES;
			return waitTime(rows.filter((r) => r.key === k).map((r) => r.at), now, max);
		})
	);
}

export async function recordFailure(db: DB, keys: string[], now = Date.now()): Promise<void> {
	await db.deleteFrom('login_failure').where('at', '<=', now - WINDOW_MS).execute();
	await db.insertInto('login_failure').values(keys.map((key) => ({ key, at: now }))).execute();
}

/** A successful login forgets the account's failures (not the address's: other accounts may be under attack). */
export async function clearFailures(db: DB, emailKey: string): Promise<void> {
	await db.deleteFrom('login_failure').where('key', '=', emailKey).execute();
}
