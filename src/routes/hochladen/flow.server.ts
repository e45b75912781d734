/** What the upload's actions share: following a job to its end, and refusals the user can act on. */
import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { uiLocale } from '$lib/i18n/locale';
import { writeFault } from '$lib/server/db/faults';
import { DatabaseBusy } from '$lib/server/ingest/in-worker';
import { settled, type Job } from '$lib/server/ingest/jobs';
import { stagingDir } from '$lib/server/ingest/staging';
import { config } from '$lib/server/startup';

export const lang = () => uiLocale();
export const dir = () => stagingDir(config().databasePath);

/** Small files are done within this; bigger ones lead to a page that shows how far they are. */
const QUICK_MS = 2000;

/** Leads to where the job ended, or to its status page while it still runs. */
export async function follow(job: Job) {
	if (!(await settled(job, QUICK_MS))) redirect(303, `/hochladen/status?job=${job.id}`);
	const outcome = job.outcome as NonNullable<Job['outcome']>;
	if ('target' in outcome) redirect(303, outcome.target);
	return fail(outcome.status ?? 400, { message: outcome.message || m.error_500() });
}

/**
 * A check or commit that a full or read-only disk or a held lock refused says so (503), instead of
 * "unexpected error"; any other error is a bug and stays one.
 */
export function refusedOutcome(e: unknown) {
	if (e instanceof DatabaseBusy) return { message: m.error_db_busy(), status: 503 };
	const fault = writeFault(e);
	if (!fault) throw e;
	const message = fault === 'busy' ? m.upload_busy() : m.upload_storage_failed();
	return { message, status: 503 };
}

/** A write that a full or read-only disk or a held lock refused; any other error is a bug and stays one. */
export function refused(e: unknown) {
	const fault = writeFault(e);
	if (!fault) throw e;
	return fail(503, { message: fault === 'busy' ? m.upload_busy() : m.upload_storage_failed() });
}

/** Reads the body to its end without keeping it, so that the browser sees the answer, not a reset. */
export async function tooLarge(request: Request) {
	try {
		await request.body?.pipeTo(new WritableStream());
	} catch {
		// The browser went away.
	}
	return fail(413, { message: m.upload_too_large({ max: config().uploadMaxMb }) });
}
