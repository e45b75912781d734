import { authorise } from '$lib/server/auth/authorise';
import { exportFormat, tableDownload } from '$lib/server/dashboard/export';
import { mapPage } from '$lib/server/dashboard/pages';
import { mapExport } from '$lib/server/dashboard/tables';
import type { RequestHandler } from './$types';

/** The map's points (`/karte` with the same query and axes) as CSV or XLSX. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const viewer = authorise(locals, 'read');
	const format = exportFormat(url);
	return tableDownload(format, mapExport(await mapPage(viewer, url)));
};
