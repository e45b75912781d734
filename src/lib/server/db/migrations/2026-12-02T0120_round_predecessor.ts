/** A round can name its predecessor, the ring's previous round, for the change of each KPI. Frozen once applied. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.alterTable('round')
		.addColumn('predecessor_id', 'integer', (c) =>
			c
				.references('round.id')
				.onDelete('set null')
				.check(sql`predecessor_id is null or predecessor_id != id`)
		)
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('round').dropColumn('predecessor_id').execute();
}
