/** Checks and saves a Monatsmeldung through the import pipeline in a worker, as the upload does a file; `checked.server.ts` maps its issues back onto the form's fields. */
import { readFileSync } from 'node:fs';
import { m } from '$lib/paraglide/messages';
import { can, type Viewer } from '$lib/server/auth/authorise';
import type { IngestResult } from '$lib/server/ingest/ingest';
import { importInWorker } from '$lib/server/ingest/in-worker';
import type { Lang } from '$lib/server/ingest/messages';
import {
	discard,
	findStaged,
	saveResult,
	stage,
	stagingDir,
	sweep
} from '$lib/server/ingest/staging';
import { config } from '$lib/server/startup';
import { checkedOf, type Checked } from './checked.server';
import { formFile, type MonthForm } from './rows.server';

export const dir = () => stagingDir(config().databasePath);

export function fileNameOf(month: string): string {
	return m.monthly_file_name({ month });
}

function run(viewer: Viewer, jobcenterId: number, path: string, month: string, dryRun: boolean) {
	return importInWorker(config().databasePath, path, {
		fileName: fileNameOf(month),
		userId: viewer.userId,
		// The form is for one jobcenter; the file may hold no other.
		scope: { jobcenterId, mayImportRegister: false },
		dryRun
	});
}

export type CheckOutcome =
	| { kind: 'nothing' }
	| { kind: 'errors'; checked: Checked }
	| { kind: 'unchanged' }
	| { kind: 'ready'; checked: Checked; token: string };

/** The dry run: nothing is written; a form without errors stays staged for saving. */
export async function checkForm(
	viewer: Viewer,
	jobcenterId: number,
	form: MonthForm,
	lang: Lang
): Promise<CheckOutcome> {
	const file = formFile(form, lang);
	if (file.lines.length === 0) return { kind: 'nothing' };
	sweep(dir());
	const meta = { fileName: fileNameOf(form.month), userId: viewer.userId, stagedAt: Date.now() };
	const token = stage(dir(), Buffer.from(file.csv), meta);
	let result: IngestResult;
	try {
		result = await run(viewer, jobcenterId, `${dir()}/${token}`, form.month, true);
	} catch (e) {
		discard(dir(), token);
		throw e;
	}
	const checked = checkedOf(result, file.lines, lang);
	if (result.errorCount > 0) {
		discard(dir(), token);
		return { kind: 'errors', checked };
	}
	if (result.inserted + result.updated === 0) {
		discard(dir(), token);
		return { kind: 'unchanged' };
	}
	saveResult(dir(), token, meta, { jobcenterId, month: form.month });
	return { kind: 'ready', checked, token };
}

/** Whether `token` holds exactly the file this form makes: otherwise it was changed after checking. */
export function stagedFor(viewer: Viewer, token: string, form: MonthForm, lang: Lang) {
	const staged = findStaged<{ jobcenterId: number; month: string }>(dir(), token, viewer.userId);
	if (!staged) return null;
	const same = readFileSync(staged.path, 'utf8') === formFile(form, lang).csv;
	return same ? staged : null;
}

/** Writes the staged form as one upload; returns its result (errors when the data changed meanwhile). */
export async function saveForm(viewer: Viewer, jobcenterId: number, token: string, month: string) {
	const result = await run(viewer, jobcenterId, `${dir()}/${token}`, month, false);
	if (result.uploadId !== null) discard(dir(), token);
	return result;
}

export const mayChooseJobcenter = (viewer: Viewer) => can(viewer, 'read_all');
