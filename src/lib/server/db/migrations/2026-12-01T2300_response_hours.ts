/** Antwortzeit: the median hours to the first reply, per channel and month, where the monthly figures are stored. Frozen once applied. */
import { sql, type Kysely } from 'kysely';

// Every table that holds a full metric row: the figures, the undo images and the rounds' frozen copies.
const COLUMNS: [table: string, column: string][] = [
	['monthly_metric', 'response_hours'],
	['upload_metric_change', 'before_response_hours'],
	['upload_metric_change', 'after_response_hours'],
	['round_snapshot_metric', 'response_hours']
];

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.alterTable('monthly_metric')
		.addColumn('response_hours', 'real', (c) => c.check(sql`response_hours >= 0`))
		.execute();
	for (const [table, column] of COLUMNS.slice(1)) {
		await db.schema.alterTable(table).addColumn(column, 'real').execute();
	}
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const [table, column] of COLUMNS) {
		await db.schema.alterTable(table).dropColumn(column).execute();
	}
}
