/** A covering index for follower totals per month and channel (the analysts' overview). Frozen once applied. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createIndex('monthly_metric_followers')
		.on('monthly_metric')
		.columns(['month', 'channel_id', 'followers'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('monthly_metric_followers').execute();
}
