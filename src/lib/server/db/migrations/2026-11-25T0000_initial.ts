/** The initial schema: jobcenters, the channel catalogue, monthly metrics and the upload audit. Frozen once applied. */
import { sql, type Kysely } from 'kysely';

const CHANNELS: [string, string][] = [
	['facebook', 'Facebook'],
	['instagram', 'Instagram'],
	['x', 'X'],
	['youtube', 'YouTube'],
	['linkedin', 'LinkedIn'],
	['tiktok', 'TikTok'],
	['xing', 'XING'],
	['mastodon', 'Mastodon'],
	['bluesky', 'Bluesky'],
	['threads', 'Threads'],
	['whatsapp', 'WhatsApp-Kanal']
];

const COUNTS = [
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
	await db.schema
		.createTable('jobcenter')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('code', 'text', (c) =>
			c
				.notNull()
				.unique()
				.check(sql`length(code) between 1 and 20`)
		)
		.addColumn('name', 'text', (c) => c.notNull().check(sql`length(trim(name)) > 0`))
		.addColumn('state', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`state in ('BW','BY','BE','BB','HB','HH','HE','MV','NI','NW','RP','SL','SN','ST','SH','TH')`
				)
		)
		.addColumn('carrier', 'text', (c) => c.notNull().check(sql`carrier in ('gE','zkT')`))
		.addColumn('elb', 'integer', (c) => c.notNull().check(sql`elb > 0`))
		.addColumn('ring', 'text')
		.addColumn('active', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(1)
				.check(sql`active in (0, 1)`)
		)
		.addColumn('created_at', 'text', (c) =>
			c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`)
		)
		.execute();

	await db.schema
		.createTable('channel')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('sort_order', 'integer', (c) => c.notNull())
		.execute();
	await db
		.insertInto('channel' as never)
		.values(CHANNELS.map(([id, name], i) => ({ id, name, sort_order: i + 1 })) as never)
		.execute();

	let metric = db.schema
		.createTable('monthly_metric')
		.addColumn('jobcenter_id', 'integer', (c) => c.notNull().references('jobcenter.id'))
		.addColumn('channel_id', 'text', (c) => c.notNull().references('channel.id'))
		.addColumn('month', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`month glob '[0-9][0-9][0-9][0-9]-[01][0-9]' and substr(month, 6, 2) between '01' and '12'`
				)
		);
	for (const name of COUNTS) {
		metric = metric.addColumn(name, 'integer', (c) => c.check(sql`${sql.ref(name)} >= 0`));
	}
	await metric
		.addColumn('staff_hours', 'real', (c) => c.check(sql`staff_hours >= 0`))
		.addPrimaryKeyConstraint('monthly_metric_key', ['jobcenter_id', 'channel_id', 'month'])
		.modifyEnd(sql`without rowid`)
		.execute();
	await db.schema
		.createIndex('monthly_metric_by_month')
		.on('monthly_metric')
		.columns(['month', 'jobcenter_id'])
		.execute();

	await db.schema
		.createTable('upload')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('user_id', 'integer')
		.addColumn('uploaded_at', 'text', (c) =>
			c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`)
		)
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('rows_inserted', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('rows_updated', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('rows_unchanged', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of ['upload', 'monthly_metric', 'channel', 'jobcenter']) {
		await db.schema.dropTable(table).execute();
	}
}
