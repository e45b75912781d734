/** The audit log: who did what and when (logins, uploads, user and role changes, opt-in changes). */
import type { DB } from '$lib/server/db';

export interface Actor {
	userId: number | null;
	email: string | null;
}

export async function audit(
	db: DB,
	actor: Actor,
	action: string,
	detail: string = ''
): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({ user_id: actor.userId, actor: actor.email ?? 'system', action, detail })
		.execute();
}

export async function listAudit(db: DB, limit = 200) {
	return db
		.selectFrom('audit_log')
		.select(['id', 'at', 'actor', 'action', 'detail'])
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}
