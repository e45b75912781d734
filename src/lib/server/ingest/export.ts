/** The canonical CSV: UTF-8, comma, `\n`, plain numbers, NULL as an empty cell; what the importer reads back losslessly. */
import type { DB } from '$lib/server/db';
import { listByCode } from '$lib/server/db/jobcenters';
import { METRICS } from '$lib/server/db/schema';
import { canonicalCsvLine } from '$lib/server/csv';

export const METRICS_HEADER = ['jobcenter', 'month', 'channel', ...METRICS];
export const REGISTER_HEADER = ['code', 'name', 'state', 'carrier', 'elb', 'ring'];

/** One line of the canonical CSV; `csv.ts` holds the dialect and the formula guard the importer undoes. */
export const csvLine = canonicalCsvLine;

export interface ExportFilter {
	jobcenter?: string;
	from?: string;
	to?: string;
}

export async function* exportMetrics(db: DB, filter: ExportFilter = {}): AsyncIterable<string> {
	yield csvLine(METRICS_HEADER);
	const rows = db
		.selectFrom('monthly_metric as m')
		.innerJoin('jobcenter as j', 'j.id', 'm.jobcenter_id')
		.select(['j.code', 'm.month', 'm.channel_id', ...METRICS.map((k) => `m.${k}` as const)])
		.$if(filter.jobcenter !== undefined, (q) => q.where('j.code', '=', filter.jobcenter as string))
		.$if(filter.from !== undefined, (q) => q.where('m.month', '>=', filter.from as string))
		.$if(filter.to !== undefined, (q) => q.where('m.month', '<=', filter.to as string))
		.orderBy('j.code')
		.orderBy('m.channel_id')
		.orderBy('m.month')
		.stream(1000);
	for await (const row of rows) {
		yield csvLine([row.code, row.month, row.channel_id, ...METRICS.map((k) => row[k])]);
	}
}

export async function* exportRegister(db: DB, filter: ExportFilter = {}): AsyncIterable<string> {
	yield csvLine(REGISTER_HEADER);
	const columns = ['code', 'name', 'state', 'carrier', 'elb', 'ring'] as const;
	const rows = await listByCode(db, columns, filter.jobcenter);
	for (const row of rows) yield csvLine(REGISTER_HEADER.map((k) => row[k as keyof typeof row]));
}
