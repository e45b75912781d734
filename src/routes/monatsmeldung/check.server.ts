/** Checks and saves a Monatsmeldung through the import pipeline in a worker, as the upload does a file, and maps its issues back onto the form's fields. */
import { readFileSync } from 'node:fs';
import { channelName, type ChannelId } from '$lib/channels';
import { m } from '$lib/paraglide/messages';
import { can, type Viewer } from '$lib/server/auth/authorise';
import type { Metric } from '$lib/server/db/schema';
import type { IngestResult } from '$lib/server/ingest/ingest';
import { importInWorker } from '$lib/server/ingest/in-worker';
import { issueMessage, type Issue, type Lang } from '$lib/server/ingest/messages';
import {
	discard,
	findStaged,
	saveResult,
	stage,
	stagingDir,
	sweep
} from '$lib/server/ingest/staging';
import { config } from '$lib/server/startup';
import { METRIC_LABELS } from '$lib/metricLabels';
import { fieldName, fieldOf, formFile, type MonthForm } from './rows.server';

export const dir = () => stagingDir(config().databasePath);

/** What the page shows next to its fields and above them. */
export interface Checked {
	/** Field name → the sentences about it. */
	fieldErrors: Record<string, string[]>;
	fieldWarnings: Record<string, string[]>;
	/** The error summary: each links to its field (or to none, for the whole form). */
	errors: { field: string | null; text: string }[];
	warnings: { field: string | null; text: string }[];
	changes: { channel: string; label: string; before: number | null; after: number | null }[];
	inserted: string[];
	updated: number;
}

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

function mapped(issues: Issue[], lines: ChannelId[], lang: Lang) {
	const byField: Record<string, string[]> = {};
	const listed: { field: string | null; text: string }[] = [];
	for (const issue of issues) {
		const at = fieldOf(issue, lines);
		const message = issueMessage(issue, lang);
		if (!at) {
			listed.push({ field: null, text: message });
			continue;
		}
		const field = fieldName(at.channel, at.metric);
		(byField[field] ??= []).push(message);
		const where = m.monthly_where({
			channel: channelName(at.channel),
			metric: metricLabel(at.metric)
		});
		listed.push({ field, text: `${where}: ${message}` });
	}
	return { byField, listed };
}

export function metricLabel(metric: Metric): string {
	return METRIC_LABELS[metric]();
}

function checkedOf(result: IngestResult, lines: ChannelId[], lang: Lang): Checked {
	const errors = mapped(result.errors, lines, lang);
	const warnings = mapped(result.warnings, lines, lang);
	const updatedChannels = new Set(result.changes.map((c) => c.channel));
	return {
		fieldErrors: errors.byField,
		fieldWarnings: warnings.byField,
		errors: errors.listed,
		warnings: warnings.listed,
		changes: result.changes.flatMap((c) =>
			(Object.keys(c.after) as Metric[])
				.filter((metric) => (c.before?.[metric] ?? null) !== c.after[metric])
				.map((metric) => ({
					channel: channelName(c.channel),
					label: metricLabel(metric),
					before: c.before?.[metric] ?? null,
					after: c.after[metric]
				}))
		),
		// A form holds one row per channel, so the rows not updated are the new ones (or unchanged).
		inserted:
			result.inserted > 0
				? lines.filter((ch) => !updatedChannels.has(ch)).map((ch) => channelName(ch))
				: [],
		updated: result.updated
	};
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
