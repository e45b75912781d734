/** Events on the charts (Ereignisse): a month that explains a change in a series, for everyone or for one jobcenter. Frozen once applied. */
import { sql, type Kysely } from 'kysely';

const NOW = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('series_event')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		// null: an event for every jobcenter (a platform's change), recorded by analysts.
		.addColumn('jobcenter_id', 'integer', (c) => c.references('jobcenter.id').onDelete('cascade'))
		// null: every channel.
		.addColumn('channel_id', 'text', (c) => c.references('channel.id'))
		.addColumn('month', 'text', (c) =>
			c.notNull().check(sql`month glob '[0-9][0-9][0-9][0-9]-[01][0-9]'`)
		)
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('platform', 'campaign', 'channel', 'staffing', 'other')`)
		)
		.addColumn('title', 'text', (c) =>
			c.notNull().check(sql`length(trim(title)) between 1 and 120`)
		)
		.addColumn('note', 'text', (c) =>
			c
				.notNull()
				.defaultTo('')
				.check(sql`length(note) <= 500`)
		)
		.addColumn('created_by', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(NOW))
		.execute();
	await db.schema
		.createIndex('series_event_by_month')
		.on('series_event')
		.columns(['month', 'jobcenter_id'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('series_event').execute();
}
