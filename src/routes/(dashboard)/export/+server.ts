import { authorise } from '$lib/server/auth/authorise';
import { exportFormat, tableDownload } from '$lib/server/dashboard/export';
import { overviewPage } from '$lib/server/dashboard/pages';
import { overviewExport } from '$lib/server/dashboard/tables';
import type { RequestHandler } from './$types';

/** The overview's table (`/` with the same query) as CSV or XLSX. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const viewer = authorise(locals, 'read');
	const format = exportFormat(url);
	return tableDownload(format, overviewExport(await overviewPage(viewer, url)));
};
