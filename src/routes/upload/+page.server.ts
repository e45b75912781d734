import { basename } from 'node:path';
import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { audit } from '$lib/server/auth/audit';
import { authorise, can, type Viewer } from '$lib/server/auth/authorise';
import { openDatabase } from '$lib/server/db';
import { writeFault } from '$lib/server/db/faults';
import { fileSource, UnreadableFile } from '$lib/server/ingest/dialect';
import { importFile, type IngestResult } from '$lib/server/ingest/ingest';
import {
	discard,
	findStaged,
	saveResult,
	stage,
	stagingDir,
	sweep
} from '$lib/server/ingest/staging';
import { config, db } from '$lib/server/startup';
import { previewOf } from './preview.server';
import type { Actions, PageServerLoad } from './$types';

const MB = 1024 * 1024;

const lang = () => (getLocale() === 'en' ? 'en' : 'de');
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
 * Checks or writes a staged file on a connection of its own, so that a big file does not hold up
 * the pages other people are loading meanwhile.
 */
async function runImport(viewer: Viewer, path: string, fileName: string, dryRun: boolean) {
	const own = openDatabase(config().databasePath);
	try {
		return await importFile(own, fileSource(path), {
			fileName,
			userId: viewer.userId,
			scope: {
				// A jobcenter user without a jobcenter would otherwise be allowed every code.
				jobcenterId: viewer.role === 'jobcenter' ? (viewer.jobcenterId ?? -1) : null,
				mayImportRegister: can(viewer, 'read_all')
			},
			dryRun
		});
	} finally {
		await own.destroy();
	}
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
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { message: m.upload_choose_file() });
		}
		if (file.size > limit) return tooLarge(request);
		sweep(dir());
		const meta = {
			fileName: basename(file.name) || 'upload.csv',
			userId: viewer.userId,
			stagedAt: Date.now()
		};
		let token: string;
		try {
			token = stage(dir(), new Uint8Array(await file.arrayBuffer()), meta);
		} catch (e) {
			return refused(e);
		}
		try {
			const result = await runImport(viewer, `${dir()}/${token}`, meta.fileName, true);
			saveResult(dir(), token, meta, result);
		} catch (e) {
			discard(dir(), token);
			if (!(e instanceof UnreadableFile)) return refused(e);
			return fail(400, {
				message: e.reason === 'empty' ? m.upload_empty() : m.upload_not_text()
			});
		}
		redirect(303, `/upload?token=${token}`);
	},

	commit: async ({ locals, url }) => {
		const viewer = authorise(locals, 'read');
		const staged = findStaged<IngestResult>(dir(), url.searchParams.get('token'), viewer.userId);
		if (!staged) return fail(400, { message: m.upload_expired() });
		let result: IngestResult;
		try {
			result = await runImport(viewer, staged.path, staged.meta.fileName, false);
		} catch (e) {
			return refused(e);
		}
		if (result.uploadId === null) {
			// The database changed since the preview: show what the file would do now.
			saveResult(dir(), staged.token, staged.meta, result);
			redirect(303, `/upload?token=${staged.token}&erneut`);
		}
		discard(dir(), staged.token);
		await audit(
			db(),
			viewer,
			'upload',
			`Upload ${result.uploadId}: ${staged.meta.fileName}, ${result.inserted} neu, ${result.updated} geändert, ${result.unchanged} unverändert`
		);
		redirect(303, `/uploads?neu=${result.uploadId}`);
	},

	cancel: async ({ locals, url }) => {
		const viewer = authorise(locals, 'read');
		const staged = findStaged<IngestResult>(dir(), url.searchParams.get('token'), viewer.userId);
		if (!staged) return fail(400, { message: m.upload_expired() });
		discard(dir(), staged.token);
		redirect(303, '/upload?verworfen');
	}
};
