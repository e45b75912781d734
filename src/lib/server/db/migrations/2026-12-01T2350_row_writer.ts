/**
 * Undo without images of inserted rows: each metric row names the upload that last wrote it, and
 * only rows an upload changed or deleted keep a before-image (with the upload that had written it
 * before). Existing undo history is carried over. Frozen once applied.
 */
import { sql, type Kysely } from 'kysely';

// The metric columns as of this migration; a later metric column must recreate the trigger below.
const METRICS = [
	'followers',
	'posts',
	'impressions',
	'reach',
	'reactions',
	'comments',
	'shares',
	'replies',
	'staff_hours',
	'response_hours'
];
const KEY = (a: string, b: string) =>
	sql.raw(
		`${a}.jobcenter_id = ${b}.jobcenter_id and ${a}.channel_id = ${b}.channel_id and ${a}.month = ${b}.month`
	);
const SAME = (a: string, prefixA: string, b: string, prefixB: string) =>
	sql.raw(METRICS.map((m) => `${a}.${prefixA}${m} is ${b}.${prefixB}${m}`).join(' and '));

export async function up(db: Kysely<unknown>): Promise<void> {
	// No foreign key: every write of half a million rows would look each one up in `upload`.
	await db.schema.alterTable('monthly_metric').addColumn('upload_id', 'integer').execute();
	await db.schema
		.alterTable('upload_metric_change')
		.addColumn('before_upload_id', 'integer')
		.execute();

	// Rows an upload wrote that were changed or deleted since by other means than an upload (plain
	// SQL): undo must refuse for them as it did when it compared the rows with after-images.
	await db.schema
		.createTable('monthly_metric_outside_change')
		.addColumn('upload_id', 'integer', (c) => c.notNull())
		.addColumn('jobcenter_id', 'integer', (c) => c.notNull())
		.addColumn('channel_id', 'text', (c) => c.notNull())
		.addColumn('month', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('monthly_metric_outside_change_key', [
			'upload_id',
			'jobcenter_id',
			'channel_id',
			'month'
		])
		.modifyEnd(sql`without rowid`)
		.execute();

	// Which jobcenters an upload's metric rows belong to, for the upload list (the images of inserted
	// rows used to tell).
	await db.schema
		.createTable('upload_metric_jobcenter')
		.addColumn('upload_id', 'integer', (c) => c.notNull().references('upload.id'))
		.addColumn('jobcenter_id', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('upload_metric_jobcenter_key', ['upload_id', 'jobcenter_id'])
		.modifyEnd(sql`without rowid`)
		.execute();
	await sql`insert into upload_metric_jobcenter (upload_id, jobcenter_id)
		select distinct upload_id, jobcenter_id from upload_metric_change`.execute(db);

	// The latest upload not undone that touched each row. If it left the row as it is now, the row
	// is its; otherwise the row was changed outside an upload since (or is none of an upload's).
	await sql`create temp table latest_write as
		select c.* from upload_metric_change c
		where c.upload_id = (select max(l.upload_id) from upload_metric_change l
			join upload u on u.id = l.upload_id and u.undone_at is null where ${KEY('l', 'c')})`.execute(db);
	await sql`update monthly_metric as m set upload_id = l.upload_id from latest_write l
		where ${KEY('m', 'l')} and l.exists_after = 1 and ${SAME('m', '', 'l', 'after_')}`.execute(db);
	await sql`insert or ignore into monthly_metric_outside_change (upload_id, jobcenter_id, channel_id, month)
		select l.upload_id, l.jobcenter_id, l.channel_id, l.month from latest_write l
		left join monthly_metric m on ${KEY('m', 'l')}
		where l.exists_after = 1 and (m.jobcenter_id is null or m.upload_id is not l.upload_id)`.execute(
		db
	);
	await sql`drop table latest_write`.execute(db);

	// For each before-image, the upload that wrote the row before: the latest earlier one on the row
	// that was not undone by then, if the image is what it left.
	await sql`create temp table prior_write as
		select c.upload_id, c.jobcenter_id, c.channel_id, c.month,
			(select p.upload_id from upload_metric_change p join upload pu on pu.id = p.upload_id
				where ${KEY('p', 'c')} and p.upload_id < c.upload_id
				and (pu.undone_at is null or pu.undone_at > cu.uploaded_at)
				order by p.upload_id desc limit 1) as prior_id
		from upload_metric_change c join upload cu on cu.id = c.upload_id
		where c.existed_before = 1`.execute(db);
	await sql`update upload_metric_change as c set before_upload_id = w.prior_id
		from prior_write w join upload_metric_change p on p.upload_id = w.prior_id and ${KEY('p', 'w')}
		where c.upload_id = w.upload_id and ${KEY('c', 'w')}
		and p.exists_after = 1 and ${SAME('c', 'before_', 'p', 'after_')}`.execute(db);
	await sql`insert or ignore into monthly_metric_outside_change (upload_id, jobcenter_id, channel_id, month)
		select p.upload_id, p.jobcenter_id, p.channel_id, p.month
		from prior_write w join upload_metric_change p on p.upload_id = w.prior_id and ${KEY('p', 'w')}
		join upload_metric_change c on c.upload_id = w.upload_id and ${KEY('c', 'w')}
		where p.exists_after = 1 and c.before_upload_id is null`.execute(db);
	await sql`drop table prior_write`.execute(db);

	await sql`delete from upload_metric_change where existed_before = 0`.execute(db);
	for (const m of METRICS) {
		await db.schema.alterTable('upload_metric_change').dropColumn(`after_${m}`).execute();
	}

	await sql`create index monthly_metric_by_upload on monthly_metric (upload_id)
		where upload_id is not null`.execute(db);
	await sql`create index upload_metric_change_by_before on upload_metric_change (before_upload_id)
		where before_upload_id is not null`.execute(db);

	// A change of the figures that does not name a new writer was not made by an upload.
	const differs = sql.raw(METRICS.map((m) => `new.${m} is not old.${m}`).join(' or '));
	await sql`create trigger monthly_metric_changed_outside
		after update of ${sql.raw(METRICS.join(', '))} on monthly_metric
		when new.upload_id is old.upload_id and (${differs})
		begin
			insert or ignore into monthly_metric_outside_change (upload_id, jobcenter_id, channel_id, month)
			select old.upload_id, old.jobcenter_id, old.channel_id, old.month where old.upload_id is not null;
			update monthly_metric set upload_id = null where ${KEY('monthly_metric', 'new')};
		end`.execute(db);
	// Undo deletes the rows of the upload it marks undone, a deletion the rows it marks as its own.
	await sql`create trigger monthly_metric_deleted_outside after delete on monthly_metric
		when old.upload_id is not null and not exists (select 1 from upload u where u.id = old.upload_id
			and (u.undone_at is not null or u.kind = 'deletion'))
		begin
			insert or ignore into monthly_metric_outside_change (upload_id, jobcenter_id, channel_id, month)
			values (old.upload_id, old.jobcenter_id, old.channel_id, old.month);
		end`.execute(db);
}

/** Back to full images in shape; the images of inserted rows are gone, so their undo is too. */
export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop trigger monthly_metric_deleted_outside`.execute(db);
	await sql`drop trigger monthly_metric_changed_outside`.execute(db);
	await db.schema.dropIndex('upload_metric_change_by_before').execute();
	await db.schema.dropIndex('monthly_metric_by_upload').execute();
	for (const m of METRICS) {
		const type = m === 'staff_hours' || m === 'response_hours' ? 'real' : 'integer';
		await db.schema.alterTable('upload_metric_change').addColumn(`after_${m}`, type).execute();
	}
	await db.schema.dropTable('upload_metric_jobcenter').execute();
	await db.schema.dropTable('monthly_metric_outside_change').execute();
	await db.schema.alterTable('upload_metric_change').dropColumn('before_upload_id').execute();
	await db.schema.alterTable('monthly_metric').dropColumn('upload_id').execute();
}
