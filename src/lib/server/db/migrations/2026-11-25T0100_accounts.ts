/** Accounts: users with roles, sessions, failed logins for throttling, the audit log, pseudonyms and the ring opt-in. */
import { sql, type Kysely } from 'kysely';

const NOW = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('app_user')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) =>
			c
				.notNull()
				.unique()
				.check(sql`email = lower(trim(email)) and email like '%_@_%'`)
		)
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('admin','analyst','jobcenter')`)
		)
		.addColumn('jobcenter_id', 'integer', (c) => c.references('jobcenter.id'))
		.addColumn('locale', 'text')
		.addColumn('disabled_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(NOW))
		.addCheckConstraint(
			'jobcenter_user_has_jobcenter',
			sql`(role = 'jobcenter') = (jobcenter_id is not null)`
		)
		.execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) =>
			c.notNull().references('app_user.id').onDelete('cascade')
		)
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(NOW))
		.addColumn('expires_at', 'integer', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('session_by_user').on('session').column('user_id').execute();

	await db.schema
		.createTable('login_failure')
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('at', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('login_failure_by_key')
		.on('login_failure')
		.columns(['key', 'at'])
		.execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('at', 'text', (c) => c.notNull().defaultTo(NOW))
		.addColumn('user_id', 'integer')
		.addColumn('actor', 'text', (c) => c.notNull())
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
		.execute();

	await db.schema
		.createTable('pseudonym')
		.addColumn('group_key', 'text', (c) => c.notNull())
		.addColumn('jobcenter_id', 'integer', (c) => c.notNull().references('jobcenter.id'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('pseudonym_key', ['group_key', 'jobcenter_id'])
		.addUniqueConstraint('pseudonym_position', ['group_key', 'position'])
		.execute();

	await db.schema
		.alterTable('jobcenter')
		.addColumn('show_name_to_ring', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('jobcenter').dropColumn('show_name_to_ring').execute();
	for (const table of ['pseudonym', 'audit_log', 'login_failure', 'session', 'app_user']) {
		await db.schema.dropTable(table).execute();
	}
}
