import { rmSync } from 'node:fs';
import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { uiLocale } from '$lib/i18n/locale';
import { audit } from '$lib/server/auth/audit';
import { authorise, can, type Viewer } from '$lib/server/auth/authorise';
import { writeFault } from '$lib/server/db/faults';
import { logImport } from '$lib/server/log';
import { UnreadableFile } from '$lib/server/ingest/dialect';
import type { IngestResult } from '$lib/server/ingest/ingest';
import { DatabaseBusy, importInWorker } from '$lib/server/ingest/in-worker';
import { runningJob, settled, startJob, type Job } from '$lib/server/ingest/jobs';
import { receiveUpload, UploadRefused, type ReceivedFile } from '$lib/server/ingest/receive';
import type { ImportProgress } from '$lib/server/ingest/worker';
import {
	discard,
	findStaged,
	saveResult,
	stageFile,
	stagingDir,
	sweep
} from '$lib/server/ingest/staging';
import { config, db } from '$lib/server/startup';
import { previewOf } from './preview.server';
import type { Actions, PageServerLoad } from './$types';

const MB = 1024 * 1024;

const lang = () => uiLocale();
const dir = () => stagingDir(config().databasePath);

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = authorise(locals, 'read');
	const token = url.searchParams.get('token');
	const staged = token ? findStaged<IngestResult>(dir(), token, viewer.userId) : null;
	return {
		maxMb: config().uploadMaxMb,
		mayUploadRegister: can(viewer, 'read_all'),
		expired: token !== null && !staged,
		discarded: url.searchParams.has('verworfen'),
		recheckedWithErrors: url.searchParams.has('erneut'),
		preview: staged ? await previewOf(db(), staged, lang()) : null
	};
};

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

/** Small files are done within this; bigger ones lead to a page that shows how far they are. */
const QUICK_MS = 2000;

/** Leads to where the job ended, or to its status page while it still runs. */
async function follow(job: Job) {
	if (!(await settled(job, QUICK_MS))) redirect(303, `/upload/status?job=${job.id}`);
	const outcome = job.outcome as NonNullable<Job['outcome']>;
	if ('target' in outcome) redirect(303, outcome.target);
	return fail(outcome.status ?? 400, { message: outcome.message || m.error_500() });
}

/**
 * A check or commit that a full or read-only disk or a held lock refused says so (503), instead of
 * "unexpected error"; any other error is a bug and stays one.
 */
function refusedOutcome(e: unknown) {
	if (e instanceof DatabaseBusy) return { message: m.error_db_busy(), status: 503 };
	const fault = writeFault(e);
	if (!fault) throw e;
	const message = fault === 'busy' ? m.upload_busy() : m.upload_storage_failed();
	return { message, status: 503 };
}

/** Reads the body to its end without keeping it, so that the browser sees the answer, not a reset. */
async function tooLarge(request: Request) {
	try {
		await request.body?.pipeTo(new WritableStream());
	} catch {
		// The browser went away.
	}
	return fail(413, { message: m.upload_too_large({ max: config().uploadMaxMb }) });
}

/** A write that a full or read-only disk or a held lock refused; any other error is a bug and stays one. */
function refused(e: unknown) {
	const fault = writeFault(e);
	if (!fault) throw e;
	return fail(503, { message: fault === 'busy' ? m.upload_busy() : m.upload_storage_failed() });
}

export const actions: Actions = {
	preview: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read');
		const limit = config().uploadMaxMb * MB;
		// Checked before reading the body, so that an oversized file is never held in memory.
		if (Number(request.headers.get('content-length') ?? 0) > limit + 64 * 1024) {
			return tooLarge(request);
		}
		let file: ReceivedFile | undefined;
		try {
			// Streamed to the staging folder as it arrives, never held in memory or parsed in one piece.
			[file] = (await receiveUpload(request, { dir: dir(), maxBytes: limit, maxFiles: 1 })).files;
		} catch (e) {
			if (!(e instanceof UploadRefused)) return refused(e);
			if (e.reason === 'too_large')
				return fail(413, { message: m.upload_too_large({ max: config().uploadMaxMb }) });
			return fail(400, { message: m.upload_choose_file() });
		}
		// Without a chosen file the browser still sends a part, with no name; a named one is a real file.
		if (!file || file.size === 0) {
			if (file) rmSync(file.path, { force: true });
			return fail(400, { message: file?.name ? m.upload_empty() : m.upload_choose_file() });
		}
		sweep(dir());
		const meta = {
			fileName: file.name || 'upload.csv',
			userId: viewer.userId,
			stagedAt: Date.now()
		};
		let token: string;
		try {
			token = stageFile(dir(), file.path);
		} catch (e) {
			return refused(e);
		}
		const job = startJob(viewer.userId, 'check', meta.fileName, async (onProgress) => {
			try {
				const path = `${dir()}/${token}`;
				const result = await runImport(viewer, path, meta.fileName, true, onProgress);
				saveResult(dir(), token, meta, result);
				return { target: `/upload?token=${token}` };
			} catch (e) {
				discard(dir(), token);
				if (!(e instanceof UnreadableFile)) return refusedOutcome(e);
				return { message: e.reason === 'empty' ? m.upload_empty() : m.upload_not_text() };
			}
		});
		return follow(job);
	},

	commit: async ({ locals, url }) => {
		const viewer = authorise(locals, 'read');
		const staged = findStaged<IngestResult>(dir(), url.searchParams.get('token'), viewer.userId);
		if (!staged) return fail(400, { message: m.upload_expired() });
		// A second click while the first commit runs follows that one instead of importing twice.
		const running = runningJob(staged.token);
		if (running) return follow(running);
		const { meta, token } = staged;
		const job = startJob(
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
					return { target: `/upload?token=${token}&erneut` };
				}
				discard(dir(), token);
				logImport(result, viewer.userId, 'web');
				await audit(
					db(),
					viewer,
					'upload',
					`Upload ${result.uploadId}: ${meta.fileName}, ${result.inserted} neu, ${result.updated} geändert, ${result.unchanged} unverändert`
				);
				return { target: `/uploads?neu=${result.uploadId}` };
			},
			token
		);
		return follow(job);
	},

	cancel: async ({ locals, url }) => {
		const viewer = authorise(locals, 'read');
		const staged = findStaged<IngestResult>(dir(), url.searchParams.get('token'), viewer.userId);
		if (!staged) return fail(400, { message: m.upload_expired() });
		discard(dir(), staged.token);
		redirect(303, '/upload?verworfen');
	}
};
