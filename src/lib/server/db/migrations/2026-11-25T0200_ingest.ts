/** Ingest: undo data per upload (before- and after-images of every touched row) and the eLb history. Frozen once applied. */
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
const MONTH = (column: string) =>
	sql`${sql.ref(column)} glob '[0-9][0-9][0-9][0-9]-[01][0-9]' and substr(${sql.ref(column)}, 6, 2) between '01' and '12'`;

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('upload').addColumn('undone_at', 'text').execute();
	await db.schema.alterTable('upload').addColumn('dialect', 'text').execute();
	await db.schema
		.alterTable('upload')
		.addColumn('warnings', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();

	// The eLb changes every year; jobcenter.elb keeps the latest value for quick reads.
	await db.schema
		.createTable('jobcenter_elb')
		.addColumn('jobcenter_id', 'integer', (c) => c.notNull().references('jobcenter.id'))
		.addColumn('valid_from', 'text', (c) => c.notNull().check(MONTH('valid_from')))
		.addColumn('elb', 'integer', (c) => c.notNull().check(sql`elb > 0`))
		.addPrimaryKeyConstraint('jobcenter_elb_key', ['jobcenter_id', 'valid_from'])
		.modifyEnd(sql`without rowid`)
		.execute();
	// The register's value is known since the jobcenter was created; the first value also holds before.
	await sql`insert into jobcenter_elb (jobcenter_id, valid_from, elb)
		select id, max('2010-01', substr(created_at, 1, 7)), elb from jobcenter`.execute(db);

	// One row per metric row an upload inserted or changed (unchanged rows are not touched).
	let change = db.schema
		.createTable('upload_metric_change')
		.addColumn('upload_id', 'integer', (c) => c.notNull().references('upload.id'))
		.addColumn('jobcenter_id', 'integer', (c) => c.notNull())
		.addColumn('channel_id', 'text', (c) => c.notNull())
		.addColumn('month', 'text', (c) => c.notNull())
		.addColumn('existed_before', 'integer', (c) => c.notNull())
		.addColumn('exists_after', 'integer', (c) => c.notNull());
	for (const side of ['before', 'after']) {
		for (const metric of METRICS) change = change.addColumn(`${side}_${metric}`, 'integer');
		change = change.addColumn(`${side}_staff_hours`, 'real');
	}
	await change
		.addPrimaryKeyConstraint('upload_metric_change_key', [
			'upload_id',
			'jobcenter_id',
			'channel_id',
			'month'
		])
		.modifyEnd(sql`without rowid`)
		.execute();
	await db.schema
		.createIndex('upload_metric_change_by_row')
		.on('upload_metric_change')
		.columns(['jobcenter_id', 'channel_id', 'month'])
		.execute();

	let jobcenterChange = db.schema
		.createTable('upload_jobcenter_change')
		.addColumn('upload_id', 'integer', (c) => c.notNull().references('upload.id'))
		.addColumn('jobcenter_id', 'integer', (c) => c.notNull())
		.addColumn('existed_before', 'integer', (c) => c.notNull());
	for (const side of ['before', 'after']) {
		jobcenterChange = jobcenterChange
			.addColumn(`${side}_name`, 'text')
			.addColumn(`${side}_state`, 'text')
			.addColumn(`${side}_carrier`, 'text')
			.addColumn(`${side}_elb`, 'integer')
			.addColumn(`${side}_ring`, 'text');
	}
	await jobcenterChange
		.addPrimaryKeyConstraint('upload_jobcenter_change_key', ['upload_id', 'jobcenter_id'])
		.execute();

	await db.schema
		.createTable('upload_elb_change')
		.addColumn('upload_id', 'integer', (c) => c.notNull().references('upload.id'))
		.addColumn('jobcenter_id', 'integer', (c) => c.notNull())
		.addColumn('valid_from', 'text', (c) => c.notNull())
		.addColumn('before_elb', 'integer')
		.addColumn('after_elb', 'integer')
		.addPrimaryKeyConstraint('upload_elb_change_key', ['upload_id', 'jobcenter_id', 'valid_from'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of [
		'upload_elb_change',
		'upload_jobcenter_change',
		'upload_metric_change',
		'jobcenter_elb'
	]) {
		await db.schema.dropTable(table).execute();
	}
	for (const column of ['warnings', 'dialect', 'undone_at']) {
		await db.schema.alterTable('upload').dropColumn(column).execute();
	}
}
