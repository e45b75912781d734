import { authorise } from '$lib/server/auth/authorise';
import { exportFormat, tableDownload } from '$lib/server/dashboard/export';
import { detailPage } from '$lib/server/dashboard/pages';
import { detailExport } from '$lib/server/dashboard/tables';
import type { RequestHandler } from './$types';

/** The KPI page's tables (`/kpi/[id]` with the same query) as CSV or XLSX. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const viewer = authorise(locals, 'read');
	const format = exportFormat(url);
	return tableDownload(format, detailExport(await detailPage(viewer, url, params.id)));
};
