import { authorise } from '$lib/server/auth/authorise';
import { currentMonth } from '$lib/server/clock';
import { csvDownload, xlsxDownload } from '$lib/server/download';
import { registerTemplate } from '$lib/server/ingest/template';
import { registerWorkbook } from '$lib/server/ingest/workbook-template';
import { choice, query } from '$lib/server/params';
import type { RequestHandler } from './$types';

const TEMPLATE_QUERY = { format: choice(['csv', 'xlsx'] as const) };

/** `?format=xlsx` for the Excel workbook, else CSV. */
export const GET: RequestHandler = async ({ locals, url }) => {
	authorise(locals, 'read_all');
	const { format } = query(url.searchParams, TEMPLATE_QUERY);
	if (format === 'xlsx') {
		return xlsxDownload(
			await registerWorkbook('09999', currentMonth()),
			'Vorlage-Jobcenter-Verzeichnis.xlsx'
		);
	}
	return csvDownload(
		registerTemplate('09999', currentMonth()),
		'Vorlage-Jobcenter-Verzeichnis.csv'
	);
};
