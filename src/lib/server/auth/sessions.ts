/** Login sessions kept in SQLite: a random token in the cookie, its SHA-256 in the table, ended by inactivity. */
import { createHash, randomBytes } from 'node:crypto';
import { writeIfFree, type DB } from '$lib/server/db';
import type { Viewer } from './authorise';

export const SESSION_COOKIE = 'benchlearn_session';

export function idleMinutes(env = process.env): number {
	const minutes = Number(env.SESSION_IDLE_MINUTES);
	return Number.isFinite(minutes) && minutes > 0 ? minutes : 120;
}

function sessionId(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: DB, userId: number, now = Date.now()): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	await db
		.insertInto('session')
		.values({ id: sessionId(token), user_id: userId, expires_at: now + idleMinutes() * 60_000 })
		.execute();
	return token;
}

/** The viewer behind a token, or null when the session is unknown, expired or its user disabled. */
export async function validateSession(
	db: DB,
	token: string,
	now = Date.now()
): Promise<Viewer | null> {
	const id = sessionId(token);
	const row = await db
		.selectFrom('session as s')
		.innerJoin('app_user as u', 'u.id', 's.user_id')
		.select([
			's.expires_at',
			'u.id',
			'u.email',
			'u.role',
			'u.jobcenter_id',
			'u.disabled_at',
			'u.locale'
		])
		.where('s.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	// Neither write is worth a wait while an upload holds the write lock: an ended session stays
	// ended, and a later request extends this one.
	if (row.expires_at <= now || row.disabled_at) {
		writeIfFree(db, 'delete from session where id = ?', [id]);
		return null;
	}
	const expires = now + idleMinutes() * 60_000;
	// Extend only once a minute, so that a busy page does not write on every request.
	if (expires - row.expires_at > 60_000) {
		writeIfFree(db, 'update session set expires_at = ? where id = ?', [expires, id]);
	}
	return {
		userId: row.id,
		email: row.email,
		role: row.role,
		jobcenterId: row.jobcenter_id,
		locale: row.locale
	};
}

export async function deleteSession(db: DB, token: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId(token)).execute();
}

export async function deleteUserSessions(db: DB, userId: number): Promise<void> {
	await db.deleteFrom('session').where('user_id', '=', userId).execute();
}
