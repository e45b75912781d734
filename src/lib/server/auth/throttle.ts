/**
 * Throttles failed logins. Per account: after 5 failures in 15 minutes, wait before the next try,
 * whatever the password. Per address: after 30 failures in 15 minutes every try from it is slowed,
 * but still checked, so that one person's typos or an attacker behind a shared proxy never lock
 * out the colleagues who know their passwords.
 */
import type { DB } from '$lib/server/db';

export const MAX_FAILURES = 5;
/** Higher per address: a whole office behind one proxy shares it. */
export const MAX_FAILURES_PER_ADDRESS = 30;
export const WINDOW_MS = 15 * 60 * 1000;
/** How long a try from a slowed address waits before its password is checked; it never blocks the thread. */
export const ADDRESS_DELAY_MS = 2000;

/** Milliseconds until the next try is allowed, 0 when it is allowed now. */
export function waitTime(failures: number[], now: number, max = MAX_FAILURES): number {
	const recent = failures.filter((at) => at > now - WINDOW_MS).sort((a, b) => a - b);
	if (recent.length < max) return 0;
	// Blocked until the oldest of the last `max` failures leaves the window.
	return recent[recent.length - max] + WINDOW_MS - now;
}

export interface ThrottleKeys {
	account: string;
	address: string;
}

export function throttleKeys(email: string, address: string): ThrottleKeys {
	return { account: `email:${email.trim().toLowerCase()}`, address: `address:${address}` };
}

export interface Throttle {
	/** Milliseconds the account is locked; the password is not even checked meanwhile. */
	accountWait: number;
	/** The address has had too many failures: the try is delayed, then checked as any other. */
	addressSlowed: boolean;
}

export async function loginThrottle(
	db: DB,
	keys: ThrottleKeys,
	now = Date.now()
): Promise<Throttle> {
	const rows = await db
		.selectFrom('login_failure')
		.select(['key', 'at'])
		.where('key', 'in', [keys.account, keys.address])
		.where('at', '>', now - WINDOW_MS)
		.execute();
	const times = (key: string) => rows.filter((r) => r.key === key).map((r) => r.at);
	return {
		accountWait: waitTime(times(keys.account), now),
		addressSlowed: times(keys.address).length >= MAX_FAILURES_PER_ADDRESS
	};
}

export async function recordFailure(db: DB, keys: ThrottleKeys, now = Date.now()): Promise<void> {
	await db
		.deleteFrom('login_failure')
		.where('at', '<=', now - WINDOW_MS)
		.execute();
	await db
		.insertInto('login_failure')
		.values([keys.account, keys.address].map((key) => ({ key, at: now })))
		.execute();
}

/** A successful login forgets the account's failures (not the address's: other accounts may be under attack). */
export async function clearFailures(db: DB, keys: ThrottleKeys): Promise<void> {
	await db.deleteFrom('login_failure').where('key', '=', keys.account).execute();
}
