/** Closing a round: the frozen copy of its inputs, the lifecycle log and one-shot tokens for the PDF CLI. Frozen once applied. */
import { sql, type Kysely } from 'kysely';

const METRICS = [
	'followers',
	'posts',
	'impressions',
	'reach',
	'reactions',
	'comments',
	'shares',
	'replies'
];

export async function up(db: Kysely<unknown>): Promise<void> {
	// One current snapshot per round; a later close replaces it (the log keeps every close).
	await db.schema
		.createTable('round_snapshot')
		.addColumn('round_id', 'integer', (c) =>
			c.primaryKey().references('round.id').onDelete('cascade')
		)
		.addColumn('closed_at', 'text', (c) => c.notNull())
		.addColumn('closed_by', 'text', (c) => c.notNull())
		.addColumn('min_peers', 'integer', (c) => c.notNull())
		.addColumn('fte_hours_per_month', 'real', (c) => c.notNull())
		.execute();

	// The participants as they were: register fields, the opt-in, the round's pseudonym, the size group.
	await db.schema
		.createTable('round_snapshot_jobcenter')
		.addColumn('round_id', 'integer', (c) =>
			c.notNull().references('round_snapshot.round_id').onDelete('cascade')
		)
		.addColumn('jobcenter_id', 'integer', (c) => c.notNull())
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('state', 'text', (c) => c.notNull())
		.addColumn('carrier', 'text', (c) => c.notNull())
		.addColumn('ring', 'text')
		.addColumn('active', 'integer', (c) => c.notNull())
		.addColumn('show_name_to_ring', 'integer', (c) => c.notNull())
		.addColumn('pseudonym', 'text', (c) => c.notNull())
		// Its `size` peer group in the whole register then, as a JSON array of ids (for Lernpartner).
		.addColumn('size_group', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('round_snapshot_jobcenter_key', ['round_id', 'jobcenter_id'])
		.modifyEnd(sql`without rowid`)
		.execute();

	await db.schema
		.createTable('round_snapshot_elb')
		.addColumn('round_id', 'integer', (c) =>
			c.notNull().references('round_snapshot.round_id').onDelete('cascade')
		)
		.addColumn('jobcenter_id', 'integer', (c) => c.notNull())
		.addColumn('valid_from', 'text', (c) => c.notNull())
		.addColumn('elb', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('round_snapshot_elb_key', ['round_id', 'jobcenter_id', 'valid_from'])
		.modifyEnd(sql`without rowid`)
		.execute();

	let metric = db.schema
		.createTable('round_snapshot_metric')
		.addColumn('round_id', 'integer', (c) =>
			c.notNull().references('round_snapshot.round_id').onDelete('cascade')
		)
		.addColumn('jobcenter_id', 'integer', (c) => c.notNull())
		.addColumn('channel_id', 'text', (c) => c.notNull())
		.addColumn('month', 'text', (c) => c.notNull());
	for (const name of METRICS) metric = metric.addColumn(name, 'integer');
	await metric
		.addColumn('staff_hours', 'real')
		.addPrimaryKeyConstraint('round_snapshot_metric_key', [
			'round_id',
			'jobcenter_id',
			'channel_id',
			'month'
		])
		.modifyEnd(sql`without rowid`)
		.execute();

	// The lifecycle log of a round: every close and reopen, by whom and when.
	await db.schema
		.createTable('round_event')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('round_id', 'integer', (c) => c.notNull().references('round.id').onDelete('cascade'))
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('actor', 'text', (c) => c.notNull())
		.addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('closed', 'reopened')`))
		.execute();

	// A short-lived token that opens one report once, for the PDF command line; only its SHA-256 is kept.
	await db.schema
		.createTable('report_token')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('round_id', 'integer', (c) => c.notNull().references('round.id').onDelete('cascade'))
		.addColumn('expires_at', 'integer', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of [
		'report_token',
		'round_event',
		'round_snapshot_metric',
		'round_snapshot_elb',
		'round_snapshot_jobcenter',
		'round_snapshot'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
