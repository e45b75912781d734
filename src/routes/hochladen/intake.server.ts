/** Sorts a received upload: one file of Benchlearn's own layout, or platform exports, never both. */
import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Viewer } from '$lib/server/auth/authorise';
import { fileSource, UnreadableFile } from '$lib/server/ingest/dialect';
import type { Job } from '$lib/server/ingest/jobs';
import { isNativeExport } from '$lib/server/ingest/native/native';
import { db } from '$lib/server/startup';
import { jobcenterFor, statedPeriod } from './choices.server';
import { follow, refused } from './flow.server';
import { checkNative } from './native.server';
import { checkOwn } from './own.server';
import { removeReceived, type ReceivedUpload } from './receive.server';

/** Read from the file's first lines only; a file that is no text is left to the own import to name. */
async function isExport(path: string): Promise<boolean> {
	try {
		return await isNativeExport(fileSource(path));
	} catch (e) {
		if (e instanceof UnreadableFile) return false;
		throw e;
	}
}

/** Starts the dry run that fits the files, or refuses them with a sentence; a refusal keeps none. */
export async function startCheck(viewer: Viewer, { fields, files }: ReceivedUpload) {
	const refuse = (body: { message: string; field?: string }) => {
		removeReceived(files);
		return fail(400, body);
	};
	if (files.length === 0) return refuse({ message: m.upload_choose_file() });
	const empty = files.find((f) => f.size === 0);
	if (empty) {
		const message =
			files.length > 1 ? m.upload_empty_named({ file: empty.name }) : m.upload_empty();
		return refuse({ message });
	}
	const exports = await Promise.all(files.map((f) => isExport(f.path)));
	const own = files.filter((_, i) => !exports[i]).map((f) => f.name);
	if (own.length === files.length && files.length > 1) {
		return refuse({ message: m.upload_own_one_file() });
	}
	if (own.length > 0 && own.length < files.length) {
		return refuse({ message: m.upload_mixed({ files: own.join(', ') }) });
	}
	let job: Job;
	if (own.length === 1) {
		try {
			job = checkOwn(viewer, files[0]);
		} catch (e) {
			removeReceived(files);
			return refused(e);
		}
		return follow(job);
	}
	const period = statedPeriod(fields);
	if (!period.ok) return refuse(period);
	const jobcenter = await jobcenterFor(db(), viewer, fields);
	if (!jobcenter.ok) return refuse(jobcenter);
	const plan = {
		native: true as const,
		jobcenterId: jobcenter.id,
		files: files.map((f) => ({ path: f.path, name: f.name, channel: null })),
		period: period.period
	};
	try {
		job = checkNative(viewer, plan, null);
	} catch (e) {
		removeReceived(files);
		return refused(e);
	}
	return follow(job);
}
