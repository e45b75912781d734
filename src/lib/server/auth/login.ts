/** Signing in: throttle, check the password (as long for unknown accounts), open a session, write the audit log. */
import type { DB } from '$lib/server/db';
import { audit } from './audit';
import { dummyHash, verifyPassword } from './passwords';
import { createSession } from './sessions';
import { clearFailures, loginWait, recordFailure, throttleKeys } from './throttle';
import { findUserByEmail, normaliseEmail } from './users';

export type LoginResult =
	| { ok: true; token: string; locale: string | null }
	| { ok: false; reason: 'throttled'; waitMinutes: number }
	| { ok: false; reason: 'failed' };

export async function login(db: DB, email: string, password: string, address: string): Promise<LoginResult> {
	const normalised = normaliseEmail(email);
	const keys = throttleKeys(normalised, address);
	const wait = await loginWait(db, keys);
	if (wait > 0) {
		await audit(db, { userId: null, email: normalised }, 'login_throttled', `address ${address}`);
		return { ok: false, reason: 'throttled', waitMinutes: Math.ceil(wait / 60_000) };
	}
	const user = await findUserByEmail(db, normalised);
	const valid = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
	if (!user || !valid || user.disabled_at) {
		await recordFailure(db, keys);
		const why = !user ? 'unknown account' : user.disabled_at ? 'account disabled' : 'wrong password';
		await audit(db, { userId: user?.id ?? null, email: normalised }, 'login_failed', `${why}, address ${address}`);
		return { ok: false, reason: 'failed' };
	}
	await clearFailures(db, keys[0]);
	await audit(db, { userId: user.id, email: user.email }, 'login', `address ${address}`);
	return { ok: true, token: await createSession(db, user.id), locale: user.locale };
}
