import { authorise } from '$lib/server/auth/authorise';
import { exportFormat, tableDownload } from '$lib/server/dashboard/export';
import { matrixExport, matrixPage } from '$lib/server/report/matrixPage';
import type { RequestHandler } from './$types';

/** The round matrix (`/runden/[id]/matrix` with the same query) as CSV or XLSX, for analysts only. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const viewer = authorise(locals, 'read_all');
	const format = exportFormat(url);
	return tableDownload(format, matrixExport(await matrixPage(viewer, url, params.id)));
};
