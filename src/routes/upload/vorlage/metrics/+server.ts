import { authorise } from '$lib/server/auth/authorise';
import { lastCompleteMonth } from '$lib/server/clock';
import { csvDownload } from '$lib/server/download';
import { metricsTemplate } from '$lib/server/ingest/template';
import { db } from '$lib/server/startup';
import type { RequestHandler } from './$types';

/** The example row names the viewer's own jobcenter, so that a jobcenter user sees no other code. */
export const GET: RequestHandler = async ({ locals }) => {
	const viewer = authorise(locals, 'read');
	const own = await db()
		.selectFrom('jobcenter')
		.select('code')
		.$if(viewer.jobcenterId !== null, (q) => q.where('id', '=', viewer.jobcenterId as number))
		.orderBy('code')
		.executeTakeFirst();
	return csvDownload(
		metricsTemplate(own?.code ?? '', lastCompleteMonth()),
		'Vorlage-Monatsdaten.csv'
	);
};
