/** Benchlearn's own file (metrics or register, CSV or XLSX): checked, then committed, in a worker. */
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { m } from '$lib/paraglide/messages';
import { audit } from '$lib/server/auth/audit';
import { can, type Viewer } from '$lib/server/auth/authorise';
import { UnreadableFile } from '$lib/server/ingest/dialect';
import type { IngestResult } from '$lib/server/ingest/ingest';
import { importInWorker } from '$lib/server/ingest/in-worker';
import { startJob } from '$lib/server/ingest/jobs';
import type { ImportProgress } from '$lib/server/ingest/worker';
import { discard, saveResult, stage, type Staged } from '$lib/server/ingest/staging';
import { logImport } from '$lib/server/log';
import { config, db } from '$lib/server/startup';
import { dir, refusedOutcome } from './flow.server';
import type { ReceivedFile } from './receive.server';

/**
 * Checks or writes a staged file in a worker thread with a connection of its own, so that a big
 * file holds up neither the server's thread nor the pages other people are loading meanwhile.
 */
function runImport(
	viewer: Viewer,
	path: string,
	fileName: string,
	dryRun: boolean,
	onProgress: (progress: ImportProgress) => void
) {
	return importInWorker(
		config().databasePath,
		path,
		{
			fileName,
			userId: viewer.userId,
			scope: {
				// A jobcenter user without a jobcenter would otherwise be allowed every code.
				jobcenterId: viewer.role === 'jobcenter' ? (viewer.jobcenterId ?? -1) : null,
				mayImportRegister: can(viewer, 'read_all')
			},
			dryRun
		},
		onProgress
	);
}

/** Stages the received file (moved, not copied) and starts its dry run. */
export function checkOwn(viewer: Viewer, file: ReceivedFile) {
	const meta = { fileName: file.name || 'upload.csv', userId: viewer.userId, stagedAt: Date.now() };
	const token = stage(dir(), new Uint8Array(0), meta);
	renameSync(file.path, join(dir(), token));
	return startJob(viewer.userId, 'check', meta.fileName, async (onProgress) => {
		try {
			const result = await runImport(viewer, join(dir(), token), meta.fileName, true, onProgress);
			saveResult(dir(), token, meta, result);
			return { target: `/hochladen?token=${token}` };
		} catch (e) {
			discard(dir(), token);
			if (!(e instanceof UnreadableFile)) return refusedOutcome(e);
			return { message: e.reason === 'empty' ? m.upload_empty() : m.upload_not_text() };
		}
	});
}

export function commitOwn(viewer: Viewer, staged: Staged<IngestResult>) {
	const { meta, token } = staged;
	return startJob(
		viewer.userId,
		'commit',
		meta.fileName,
		async (onProgress) => {
			let result: IngestResult;
			try {
				result = await runImport(viewer, staged.path, meta.fileName, false, onProgress);
			} catch (e) {
				return refusedOutcome(e);
			}
			if (result.uploadId === null) {
				// The database changed since the preview: show what the file would do now.
				saveResult(dir(), token, meta, result);
				return { target: `/hochladen?token=${token}&erneut` };
			}
			discard(dir(), token);
			logImport(result, viewer.userId, 'web');
			await audit(
				db(),
				viewer,
				'upload',
				`Upload ${result.uploadId}: ${meta.fileName}, ${result.inserted} neu, ${result.updated} geändert, ${result.unchanged} unverändert`
			);
			return { target: `/lieferungen?neu=${result.uploadId}` };
		},
		token
	);
}
