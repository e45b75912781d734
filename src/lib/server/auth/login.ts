/** Signing in: throttle, check the password (as long for unknown accounts), open a session, write the audit log. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { DB } from '$lib/server/db';
import { audit } from './audit';
import { dummyHash, verifyPassword } from './passwords';
import { createSession } from './sessions';
import {
	ADDRESS_DELAY_MS,
	clearFailures,
	loginThrottle,
	recordFailure,
	throttleKeys
} from './throttle';
import { findUserByEmail, normaliseEmail } from './users';

export type LoginResult =
	| { ok: true; token: string; locale: string | null }
	| { ok: false; reason: 'throttled'; waitMinutes: number }
	| { ok: false; reason: 'failed' };

export async function login(
	db: DB,
	email: string,
	password: string,
	address: string,
	pause: (ms: number) => Promise<unknown> = sleep
): Promise<LoginResult> {
	const normalised = normaliseEmail(email);
	const keys = throttleKeys(normalised, address);
	const throttle = await loginThrottle(db, keys);
	if (throttle.accountWait > 0) {
		await audit(db, { userId: null, email: normalised }, 'login_throttled', `address ${address}`);
		return {
			ok: false,
			reason: 'throttled',
			waitMinutes: Math.ceil(throttle.accountWait / 60_000)
		};
	}
	// Every try from a slowed address waits, right or wrong, so that the wait tells nothing.
	if (throttle.addressSlowed) await pause(ADDRESS_DELAY_MS);
	const user = await findUserByEmail(db, normalised);
	const valid = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
	if (!user || !valid || user.disabled_at) {
		await recordFailure(db, keys);
		const why = !user
			? 'unknown account'
			: user.disabled_at
				? 'account disabled'
				: 'wrong password';
		const slowed = throttle.addressSlowed ? ', address slowed' : '';
		await audit(
			db,
			{ userId: user?.id ?? null, email: normalised },
			'login_failed',
			`${why}, address ${address}${slowed}`
		);
		return { ok: false, reason: 'failed' };
	}
	await clearFailures(db, keys);
	await audit(db, { userId: user.id, email: user.email }, 'login', `address ${address}`);
	return { ok: true, token: await createSession(db, user.id), locale: user.locale };
}
