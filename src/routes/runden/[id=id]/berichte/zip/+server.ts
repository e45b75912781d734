import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { authorise } from '$lib/server/auth/authorise';
import { zipDownload } from '$lib/server/download';
import { pathId } from '$lib/server/params';
import { batchOf } from '$lib/server/report/batches';
import type { RequestHandler } from './$types';

/** The ZIP of the round's latest finished batch: one PDF per participant. */
export const GET: RequestHandler = ({ locals, params }) => {
	authorise(locals, 'read_all');
	const id = pathId(params.id);
	const zip = id === null ? null : batchOf(id)?.zip;
	if (!zip) error(404, { message: m.batch_zip_gone() });
	return zipDownload(zip.path, `benchlearning-runde-${id}-berichte.zip`);
};
