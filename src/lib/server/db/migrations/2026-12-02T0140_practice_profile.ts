/** Practice profiles (Steckbriefe): how a jobcenter works on social media, one per jobcenter and round. Frozen once applied. */
import { sql, type Kysely } from 'kysely';

const NOW = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('practice_profile')
		.addColumn('round_id', 'integer', (c) => c.notNull().references('round.id').onDelete('cascade'))
		.addColumn('jobcenter_id', 'integer', (c) => c.notNull().references('jobcenter.id'))
		// JSON array of goal ids, and JSON object channel id → what the channel is for.
		.addColumn('goals', 'text', (c) =>
			c
				.notNull()
				.defaultTo('[]')
				.check(sql`json_valid(goals)`)
		)
		.addColumn('goals_other', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('target_groups', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('channels', 'text', (c) =>
			c
				.notNull()
				.defaultTo('{}')
				.check(sql`json_valid(channels)`)
		)
		.addColumn('team_people', 'integer', (c) => c.check(sql`team_people >= 0`))
		.addColumn('team_hours', 'integer', (c) => c.check(sql`team_hours >= 0`))
		.addColumn('team_roles', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('reply_by', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('reply_hours', 'integer', (c) => c.check(sql`reply_hours >= 0`))
		// 1 = also on weekends, 0 = not, null = not said.
		.addColumn('reply_weekends', 'integer', (c) => c.check(sql`reply_weekends in (0, 1)`))
		.addColumn('moderation', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('tools', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('worked', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('not_worked', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(NOW))
		.addColumn('updated_by', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('practice_profile_key', ['round_id', 'jobcenter_id'])
		.execute();
	await db.schema
		.createIndex('practice_profile_by_jobcenter')
		.on('practice_profile')
		.column('jobcenter_id')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('practice_profile').execute();
}
