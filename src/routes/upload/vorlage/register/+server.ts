import { authorise } from '$lib/server/auth/authorise';
import { currentMonth } from '$lib/server/clock';
import { csvDownload } from '$lib/server/download';
import { registerTemplate } from '$lib/server/ingest/template';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	authorise(locals, 'read_all');
	return csvDownload(
		registerTemplate('09999', currentMonth()),
		'Vorlage-Jobcenter-Verzeichnis.csv'
	);
};
