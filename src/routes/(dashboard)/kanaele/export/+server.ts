import { authorise } from '$lib/server/auth/authorise';
import { exportFormat, tableDownload } from '$lib/server/dashboard/export';
import { channelsPage } from '$lib/server/dashboard/pages';
import { channelsExport } from '$lib/server/dashboard/tables';
import type { RequestHandler } from './$types';

/** The channel page's tables (`/kanaele` with the same query) as CSV or XLSX. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const viewer = authorise(locals, 'read');
	const format = exportFormat(url);
	return tableDownload(format, channelsExport(await channelsPage(viewer, url)));
};
