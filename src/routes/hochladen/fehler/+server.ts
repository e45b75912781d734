import { createReadStream, existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { uiLocale } from '$lib/i18n/locale';
import { authorise } from '$lib/server/auth/authorise';
import { csvDownload } from '$lib/server/download';
import { issuesCsvPath } from '$lib/server/ingest/bounded';
import type { IngestResult } from '$lib/server/ingest/ingest';
import { errorCsv } from '$lib/server/ingest/preview';
import { findStaged, stagingDir } from '$lib/server/ingest/staging';
import { config } from '$lib/server/startup';
import type { RequestHandler } from './$types';

/** Every error and warning of a previewed file, for Excel; only its uploader can fetch it. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const viewer = authorise(locals, 'read');
	const dir = stagingDir(config().databasePath);
	const staged = findStaged<IngestResult>(dir, url.searchParams.get('token'), viewer.userId);
	// Platform exports list their problems per file on the preview; they have no such download.
	if (!staged || !('errors' in staged.result)) error(404, { message: m.upload_expired() });
	const name = `Fehler-${staged.meta.fileName.replace(/\.\w+$/, '')}.csv`;
	if (!staged.result.codeCounts) {
		const { errors, warnings } = staged.result;
		return csvDownload(errorCsv([...errors, ...warnings], uiLocale()), name);
	}
	// The result lists only the first issues of each code: the worker wrote all of them here.
	const path = issuesCsvPath(staged.path, uiLocale());
	if (!existsSync(path)) error(404, { message: m.upload_expired() });
	return csvDownload(Readable.toWeb(createReadStream(path)) as ReadableStream, name);
};
