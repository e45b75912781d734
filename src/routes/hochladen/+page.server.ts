import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { authorise, can } from '$lib/server/auth/authorise';
import type { IngestResult } from '$lib/server/ingest/ingest';
import { runningJob } from '$lib/server/ingest/jobs';
import { discard, findStaged, sweep, type Staged } from '$lib/server/ingest/staging';
import { config, db } from '$lib/server/startup';
import { choosableJobcenters, MAX_FILES, statedChannels, statedPeriod } from './choices.server';
import { dir, follow, lang, refused, tooLarge } from './flow.server';
import { startCheck } from './intake.server';
import {
	checkNative,
	commitNative,
	discardNative,
	isNative,
	type NativeStaged
} from './native.server';
import { nativePreviewOf } from './nativePreview.server';
import { commitOwn } from './own.server';
import { previewOf } from './preview.server';
import { receiveForm, UploadRefused } from './receive.server';
import type { Actions, PageServerLoad } from './$types';

const MB = 1024 * 1024;
/** A re-check sends a period and a channel per file, never a file. */
const CHOICES_MAX_BYTES = 64 * 1024;

const stagedOf = (token: string | null, userId: number) =>
	findStaged<IngestResult | NativeStaged>(dir(), token, userId);

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = authorise(locals, 'read');
	const token = url.searchParams.get('token');
	const staged = token ? stagedOf(token, viewer.userId) : null;
	const native = staged && isNative(staged.result) ? (staged as Staged<NativeStaged>) : null;
	const own = staged && !native ? (staged as Staged<IngestResult>) : null;
	return {
		maxMb: config().uploadMaxMb,
		maxFiles: MAX_FILES,
		mayUploadRegister: can(viewer, 'read_all'),
		jobcenters: await choosableJobcenters(db(), viewer),
		expired: token !== null && !staged,
		discarded: url.searchParams.has('verworfen'),
		recheckedWithErrors: url.searchParams.has('erneut'),
		preview: own ? await previewOf(db(), own, lang()) : null,
		native: native ? await nativePreviewOf(db(), native, lang()) : null
	};
};

export const actions: Actions = {
	preview: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read');
		const limit = config().uploadMaxMb * MB;
		// Checked before reading the body, so that an oversized upload is never held in memory.
		if (Number(request.headers.get('content-length') ?? 0) > limit + 64 * 1024) {
			return tooLarge(request);
		}
		sweep(dir());
		try {
			const received = await receiveForm(request, {
				dir: dir(),
				maxBytes: limit,
				maxFiles: MAX_FILES
			});
			return await startCheck(viewer, received);
		} catch (e) {
			if (!(e instanceof UploadRefused)) return refused(e);
			if (e.reason === 'too_large') return tooLarge(request);
			if (e.reason === 'malformed') return fail(400, { message: m.upload_choose_file() });
			return fail(400, { message: m.upload_too_many_files({ max: MAX_FILES }) });
		}
	},

	/** Platform exports checked again with a corrected channel or period. */
	recheck: async ({ locals, request, url }) => {
		const viewer = authorise(locals, 'read');
		const staged = stagedOf(url.searchParams.get('token'), viewer.userId);
		if (!staged || !isNative(staged.result)) return fail(400, { message: m.upload_expired() });
		if (Number(request.headers.get('content-length') ?? 0) > CHOICES_MAX_BYTES) {
			return fail(413, { message: m.upload_choices_too_long() });
		}
		const fields = await request.formData();
		const period = statedPeriod(fields);
		if (!period.ok) return fail(400, { message: period.message, field: period.field });
		const channels = statedChannels(fields, staged.result.files.length);
		if (!channels.ok) return fail(400, { message: channels.message, field: channels.field });
		const { native, jobcenterId, files } = staged.result;
		const plan = {
			native,
			jobcenterId,
			period: period.period,
			files: files.map((f, i) => ({ ...f, channel: channels.channels[i] }))
		};
		return follow(checkNative(viewer, plan, staged.token));
	},

	commit: async ({ locals, url }) => {
		const viewer = authorise(locals, 'read');
		const staged = stagedOf(url.searchParams.get('token'), viewer.userId);
		if (!staged) return fail(400, { message: m.upload_expired() });
		// A second click while the first commit runs follows that one instead of importing twice.
		const running = runningJob(staged.token);
		if (running) return follow(running);
		return follow(
			isNative(staged.result)
				? commitNative(viewer, staged as Staged<NativeStaged>)
				: commitOwn(viewer, staged as Staged<IngestResult>)
		);
	},

	cancel: async ({ locals, url }) => {
		const viewer = authorise(locals, 'read');
		const staged = stagedOf(url.searchParams.get('token'), viewer.userId);
		if (!staged) return fail(400, { message: m.upload_expired() });
		if (isNative(staged.result)) discardNative(staged.token, staged.result);
		else discard(dir(), staged.token);
		redirect(303, '/hochladen?verworfen');
	}
};
