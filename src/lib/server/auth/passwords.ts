/** Password hashing with argon2id (the package's default algorithm), and the rules a new password must meet. */
import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
	return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummy: Promise<string> | undefined;

/** Checked when the e-mail is unknown, so that the answer takes as long as for a real account. */
export function dummyHash(): Promise<string> {
	dummy ??= hash('no account has this password');
	return dummy;
}
