/** Benchlearning rounds: a named period with its participants, fixed when the round is created or edited. */
import { sql, type Kysely } from 'kysely';

const NOW = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
const MONTH = (column: string) => sql`${sql.ref(column)} glob '[0-9][0-9][0-9][0-9]-[01][0-9]'`;

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('round')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull().check(sql`length(trim(name)) > 0`))
		.addColumn('from_month', 'text', (c) => c.notNull().check(MONTH('from_month')))
		.addColumn('to_month', 'text', (c) => c.notNull().check(MONTH('to_month')))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(NOW))
		.addColumn('created_by', 'text', (c) => c.notNull())
		// 'offen' until the reports issue closes a round and freezes its inputs.
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('offen'))
		.addCheckConstraint('round_period', sql`from_month <= to_month`)
		.execute();

	await db.schema
		.createTable('round_member')
		.addColumn('round_id', 'integer', (c) => c.notNull().references('round.id').onDelete('cascade'))
		.addColumn('jobcenter_id', 'integer', (c) => c.notNull().references('jobcenter.id'))
		.addPrimaryKeyConstraint('round_member_key', ['round_id', 'jobcenter_id'])
		.execute();
	await db.schema
		.createIndex('round_member_by_jobcenter')
		.on('round_member')
		.column('jobcenter_id')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('round_member').execute();
	await db.schema.dropTable('round').execute();
}
