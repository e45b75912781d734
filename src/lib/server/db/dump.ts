/** Every row of every table in a fixed order, to compare two databases and to feed a full export. */
import type { DB } from './index';

export async function dumpTables(db: DB) {
	// One transaction gives one consistent snapshot even while a server writes.
	return db.transaction().execute(async (trx) => ({
		jobcenter: await trx.selectFrom('jobcenter').selectAll().orderBy('id').execute(),
		channel: await trx.selectFrom('channel').selectAll().orderBy('id').execute(),
		monthly_metric: await trx
			.selectFrom('monthly_metric')
			.selectAll()
			.orderBy('jobcenter_id')
			.orderBy('channel_id')
			.orderBy('month')
			.execute(),
		upload: await trx.selectFrom('upload').selectAll().orderBy('id').execute()
	}));
}

export type TableDump = Awaited<ReturnType<typeof dumpTables>>;
