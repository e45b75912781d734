import { authorise } from '$lib/server/auth/authorise';
import { lastCompleteMonth } from '$lib/server/clock';
import { byId, listByCode } from '$lib/server/db/jobcenters';
import { csvDownload, xlsxDownload } from '$lib/server/download';
import { metricsTemplate } from '$lib/server/ingest/template';
import { metricsWorkbook } from '$lib/server/ingest/workbook-template';
import { choice, query } from '$lib/server/params';
import { db } from '$lib/server/startup';
import type { RequestHandler } from './$types';

const TEMPLATE_QUERY = { format: choice(['csv', 'xlsx'] as const) };

/**
 * `?format=xlsx` for the Excel workbook, else CSV. The example row names the viewer's own
 * jobcenter, so that a jobcenter user sees no other code.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const viewer = authorise(locals, 'read');
	const { format } = query(url.searchParams, TEMPLATE_QUERY);
	// A jobcenter's own code; an analyst's template shows the first code as an example.
	const own =
		viewer.jobcenterId !== null
			? await byId(db(), viewer.jobcenterId, ['code'])
			: (await listByCode(db(), ['code']))[0];
	const [code, month] = [own?.code ?? '', lastCompleteMonth()];
	if (format === 'xlsx') {
		return xlsxDownload(await metricsWorkbook(code, month), 'Vorlage-Monatsdaten.xlsx');
	}
	return csvDownload(metricsTemplate(code, month), 'Vorlage-Monatsdaten.csv');
};
