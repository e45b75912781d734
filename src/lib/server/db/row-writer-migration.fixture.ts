/**
 * The app as it wrote and undid uploads before the row-writer migration (full images of every touched
 * row), replayed over a fixed history, for the specs that check the migration carries it over.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, expect } from 'vitest';
import type { UndoResult } from '$lib/server/ingest/undo';
import { openDatabase, sqliteOf, type DB } from '.';
import { migrations } from './migrations';

const LEVEL = '2026-12-01T2300_response_hours';
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
const KEY = 'jobcenter_id = ? and channel_id = ? and month = ?';

const open: DB[] = [];
afterEach(async () => {
	while (open.length) await open.pop()!.destroy();
});

type Row = [code: string, month: string, channel: string, followers: number, posts: number];
type Step =
	| { upload: Row[] }
	| { delete: [code: string, month: string, channel: string] }
	| { outside: string }
	| { undo: number };

/** The history before the migration; upload ids count from 1 in this order. */
const HISTORY: Step[] = [
	// 1: three new rows of 05754 and one of 05158
	{
		upload: [
			['05754', '2026-01', 'facebook', 10, 1],
			['05754', '2026-02', 'facebook', 20, 2],
			['05754', '2026-03', 'facebook', 30, 3],
			['05158', '2026-01', 'facebook', 5, 1]
		]
	},
	// 2: changes February, leaves January as it is, adds April
	{
		upload: [
			['05754', '2026-01', 'facebook', 10, 1],
			['05754', '2026-02', 'facebook', 25, 2],
			['05754', '2026-04', 'facebook', 40, 4]
		]
	},
	// 3: new rows of 05158, undone right away
	{ upload: [['05158', '2026-02', 'instagram', 7, 1]] },
	{ undo: 3 },
	// 4: changes March, adds a row of 05158
	{
		upload: [
			['05754', '2026-03', 'facebook', 35, 3],
			['05158', '2026-03', 'facebook', 8, 2]
		]
	},
	// 5: an analyst deletes April (written by 2)
	{ delete: ['05754', '2026-04', 'facebook'] },
	// 6: changes January again, undone: January is upload 1's again
	{ upload: [['05754', '2026-01', 'facebook', 11, 1]] },
	{ undo: 6 },
	// 7: a row of its own, then changed by plain SQL
	{ upload: [['05158', '2026-05', 'youtube', 3, 1]] },
	{ outside: `update monthly_metric set posts = 9 where month = '2026-05'` },
	// 8: a row of its own, then deleted by plain SQL
	{ upload: [['05158', '2026-06', 'youtube', 4, 1]] },
	{ outside: `delete from monthly_metric where month = '2026-06'` }
];

/** Undo attempts after the migration, in this order: refusals, then undoing back to front. */
export const ATTEMPTS = [1, 2, 7, 8, 4, 5, 2, 1, 3, 6, 7, 1];

/** The importer before the migration: every written row gets a full before- and after-image. */
function oldUpload(db: DB, rows: Row[]): number {
	const s = sqliteOf(db);
	const id = s
		.prepare(
			`insert into upload (file_name, sha256, kind) values ('f.csv', 'x', 'metrics') returning id`
		)
		.pluck()
		.get() as number;
	for (const [code, month, channel, followers, posts] of rows) {
		const jc = s.prepare('select id from jobcenter where code = ?').pluck().get(code) as number;
		const before = s
			.prepare(`select ${METRICS.join(', ')} from monthly_metric where ${KEY}`)
			.get(jc, channel, month) as Record<string, number | null> | undefined;
		if (before && before.followers === followers && before.posts === posts) continue;
		const after = {
			...(before ?? Object.fromEntries(METRICS.map((m) => [m, null]))),
			followers,
			posts
		};
		s.prepare(
			`insert into monthly_metric (jobcenter_id, channel_id, month, followers, posts) values (?, ?, ?, ?, ?)
			on conflict do update set followers = excluded.followers, posts = excluded.posts`
		).run(jc, channel, month, followers, posts);
		const columns = [...METRICS.map((m) => `before_${m}`), ...METRICS.map((m) => `after_${m}`)];
		s.prepare(
			`insert into upload_metric_change (upload_id, jobcenter_id, channel_id, month, existed_before,
			exists_after, ${columns.join(', ')}) values (${Array(6 + columns.length)
				.fill('?')
				.join(', ')})`
		).run(
			id,
			jc,
			channel,
			month,
			before ? 1 : 0,
			1,
			...METRICS.map((m) => before?.[m] ?? null),
			...METRICS.map((m) => after[m as 'followers'])
		);
	}
	return id;
}

/** The deletion before the migration: before-images and no after. */
function oldDelete(db: DB, [code, month, channel]: [string, string, string]): number {
	const s = sqliteOf(db);
	const id = s
		.prepare(
			`insert into upload (file_name, sha256, kind) values ('x', '', 'deletion') returning id`
		)
		.pluck()
		.get() as number;
	const jc = s.prepare('select id from jobcenter where code = ?').pluck().get(code) as number;
	s.prepare(
		`insert into upload_metric_change (upload_id, jobcenter_id, channel_id, month, existed_before,
		exists_after, ${METRICS.map((m) => `before_${m}`).join(', ')})
		select ?, jobcenter_id, channel_id, month, 1, 0, ${METRICS.join(', ')} from monthly_metric where ${KEY}`
	).run(id, jc, channel, month);
	s.prepare(`delete from monthly_metric where ${KEY}`).run(jc, channel, month);
	return id;
}

/** Undo before the migration: compare each touched row with its after-image, then restore. */
export function oldUndo(db: DB, id: number): UndoResult {
	const s = sqliteOf(db);
	const upload = s.prepare('select undone_at from upload where id = ?').get(id) as
		{ undone_at: string | null } | undefined;
	if (!upload) return { ok: false, reason: 'not_found', message: `Upload ${id} gibt es nicht.` };
	if (upload.undone_at)
		return {
			ok: false,
			reason: 'already_undone',
			message: `Upload ${id} wurde bereits rückgängig gemacht.`
		};
	const same = METRICS.map((m) => `m.${m} is c.after_${m}`).join(' and ');
	const match =
		'm.jobcenter_id = c.jobcenter_id and m.channel_id = c.channel_id and m.month = c.month';
	const { n, later } = s
		.prepare(
			`select count(*) as n, (
				select group_concat(distinct l.upload_id) from upload_metric_change l
				join upload u on u.id = l.upload_id and u.undone_at is null
				where l.upload_id > @id and exists (
					select 1 from upload_metric_change c2 where c2.upload_id = @id
					and c2.jobcenter_id = l.jobcenter_id and c2.channel_id = l.channel_id and c2.month = l.month)
			) as later
			from upload_metric_change c left join monthly_metric m on ${match}
			where c.upload_id = @id and not (
				(c.exists_after = 1 and m.jobcenter_id is not null and ${same})
				or (c.exists_after = 0 and m.jobcenter_id is null))`
		)
		.get({ id }) as { n: number; later: string | null };
	if (n > 0) {
		const by = later ? `durch Upload ${later.split(',').join(', ')}` : 'nicht durch einen Upload';
		return {
			ok: false,
			reason: 'changed_since',
			message: `Upload ${id} kann nicht rückgängig gemacht werden: ${n} der Zeilen wurden seither geändert (${by}). Machen Sie zuerst die späteren Änderungen rückgängig.`
		};
	}
	const deleted = s
		.prepare(
			`delete from monthly_metric where (jobcenter_id, channel_id, month) in (
			select jobcenter_id, channel_id, month from upload_metric_change
			where upload_id = ? and existed_before = 0)`
		)
		.run(id).changes;
	const restored = s
		.prepare(
			`insert into monthly_metric (jobcenter_id, channel_id, month, ${METRICS.join(', ')})
			select jobcenter_id, channel_id, month, ${METRICS.map((m) => `before_${m}`).join(', ')}
			from upload_metric_change where upload_id = ? and existed_before = 1
			on conflict do update set ${METRICS.map((m) => `${m} = excluded.${m}`).join(', ')}`
		)
		.run(id).changes;
	s.prepare(`update upload set undone_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`).run(
		id
	);
	return { ok: true, restored: deleted + restored };
}

/** A database at the level before the migration, with the whole history written the old way. */
export async function oldDatabase(): Promise<DB> {
	const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'benchlearn-rowwriter-')), 'test.db'));
	open.push(db);
	const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
	expect((await migrator.migrateTo(LEVEL)).error).toBeUndefined();
	for (const code of ['05754', '05158']) {
		await db
			.insertInto('jobcenter')
			.values({ code, name: `Jobcenter ${code}`, state: 'NW', carrier: 'gE', elb: 10000 })
			.execute();
	}
	for (const step of HISTORY) {
		if ('upload' in step) oldUpload(db, step.upload);
		else if ('delete' in step) oldDelete(db, step.delete);
		else if ('outside' in step) sqliteOf(db).exec(step.outside);
		else expect(oldUndo(db, step.undo)).toMatchObject({ ok: true });
	}
	return db;
}

/** The figures as a reader sees them (the writer column is new, so it is left out). */
export function figures(db: DB) {
	return sqliteOf(db)
		.prepare(
			`select jobcenter_id, channel_id, month, ${METRICS.join(', ')} from monthly_metric
			order by jobcenter_id, channel_id, month`
		)
		.all();
}
