/** Accounts: create, list, disable and enable users, set and change passwords; failures are values with a message. */
import type { DB } from '$lib/server/db';
import { byCode } from '$lib/server/db/jobcenters';
import type { Role } from '$lib/server/db/schema';
import { m } from '$lib/paraglide/messages';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords';
import { deleteUserSessions } from './sessions';

export const ROLES: Role[] = ['admin', 'analyst', 'jobcenter'];

export class UserError extends Error {}

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

function checkPassword(password: string): void {
	if (password.length < MIN_PASSWORD_LENGTH) {
		throw new UserError(m.user_password_too_short({ min: MIN_PASSWORD_LENGTH }));
	}
}

export interface NewUser {
	email: string;
	role: string;
	jobcenterCode?: string | null;
	password: string;
}

export async function createUser(db: DB, user: NewUser): Promise<number> {
	const email = normaliseEmail(user.email);
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UserError(m.user_bad_email({ email }));
	if (!ROLES.includes(user.role as Role)) throw new UserError(m.user_bad_role({ role: user.role }));
	const role = user.role as Role;
	let jobcenterId: number | null = null;
	if (role === 'jobcenter') {
		if (!user.jobcenterCode) throw new UserError(m.user_needs_jobcenter());
		const jc = await byCode(db, user.jobcenterCode.trim(), ['id']);
		if (!jc) throw new UserError(m.user_unknown_jobcenter({ code: user.jobcenterCode }));
		jobcenterId = jc.id;
	} else if (user.jobcenterCode) {
		throw new UserError(m.user_jobcenter_only_for_jobcenter_role());
	}
	checkPassword(user.password);
	const exists = await db
		.selectFrom('app_user')
		.select('id')
		.where('email', '=', email)
		.executeTakeFirst();
	if (exists) throw new UserError(m.user_exists({ email }));
	const { id } = await db
		.insertInto('app_user')
		.values({
			email,
			role,
			jobcenter_id: jobcenterId,
			password_hash: await hashPassword(user.password)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export async function listUsers(db: DB) {
	return db
		.selectFrom('app_user as u')
		.leftJoin('jobcenter as j', 'j.id', 'u.jobcenter_id')
		.select([
			'u.id',
			'u.email',
			'u.role',
			'u.disabled_at',
			'u.created_at',
			'j.code as jobcenter_code',
			'j.name as jobcenter_name'
		])
		.orderBy('u.email')
		.execute();
}

export async function findUserByEmail(db: DB, email: string) {
	return db
		.selectFrom('app_user')
		.selectAll()
		.where('email', '=', normaliseEmail(email))
		.executeTakeFirst();
}

async function userIdOf(db: DB, email: string): Promise<number> {
	const user = await findUserByEmail(db, email);
	if (!user) throw new UserError(m.user_unknown({ email: normaliseEmail(email) }));
	return user.id;
}

/** Disabling also ends every session of that user at once. */
export async function setDisabled(db: DB, email: string, disabled: boolean): Promise<void> {
	const id = await userIdOf(db, email);
	await db
		.updateTable('app_user')
		.set({ disabled_at: disabled ? new Date().toISOString() : null })
		.where('id', '=', id)
		.execute();
	if (disabled) await deleteUserSessions(db, id);
}

/** An admin sets a new password; the user's sessions end. */
export async function resetPassword(db: DB, email: string, password: string): Promise<void> {
	checkPassword(password);
	const id = await userIdOf(db, email);
	await db
		.updateTable('app_user')
		.set({ password_hash: await hashPassword(password) })
		.where('id', '=', id)
		.execute();
	await deleteUserSessions(db, id);
}

export async function changePassword(
	db: DB,
	userId: number,
	current: string,
	next: string
): Promise<void> {
	const user = await db
		.selectFrom('app_user')
		.select('password_hash')
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();
	if (!(await verifyPassword(user.password_hash, current)))
		throw new UserError(m.user_wrong_password());
	checkPassword(next);
	await db
		.updateTable('app_user')
		.set({ password_hash: await hashPassword(next) })
		.where('id', '=', userId)
		.execute();
}
