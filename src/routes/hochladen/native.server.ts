/** The platforms' own exports: several files of one jobcenter staged as one upload, checked and committed in a worker. */
import type { ChannelId } from '$lib/channels';
import { m } from '$lib/paraglide/messages';
import { audit } from '$lib/server/auth/audit';
import type { Viewer } from '$lib/server/auth/authorise';
import { startJob } from '$lib/server/ingest/jobs';
import type { Period } from '$lib/server/ingest/native/dates';
import { importNativeInWorker, UnreadableNativeFile } from '$lib/server/ingest/native/in-worker';
import type { NativeResult } from '$lib/server/ingest/native/native';
import type { ImportProgress } from '$lib/server/ingest/worker';
import {
	discard,
	saveResult,
	stage,
	type Staged,
	type StagedMeta
} from '$lib/server/ingest/staging';
import { logImport } from '$lib/server/log';
import { config, db } from '$lib/server/startup';
import { dir, refusedOutcome } from './flow.server';
import { removeReceived } from './receive.server';

/** What is staged under a token: the files (the token's own file stays empty) and what the user said. */
export interface NativePlan {
	native: true;
	jobcenterId: number;
	files: { path: string; name: string; channel: ChannelId | null }[];
	period: Period | null;
}

export type NativeStaged = NativePlan & { result: NativeResult };

export const isNative = (result: unknown): result is NativeStaged =>
	typeof result === 'object' && result !== null && 'native' in result;

function run(
	viewer: Viewer,
	plan: NativePlan,
	dryRun: boolean,
	onProgress: (progress: ImportProgress) => void
) {
	const options = {
		jobcenterId: plan.jobcenterId,
		period: plan.period,
		userId: viewer.userId,
		dryRun
	};
	return importNativeInWorker(config().databasePath, plan.files, options, onProgress);
}

export function discardNative(token: string, plan: NativePlan): void {
	removeReceived(plan.files);
	discard(dir(), token);
}

/**
 * The dry run of the files as `plan` says: a new upload (no token yet) or the staged one again
 * with a corrected channel or period. A new upload that cannot be read is not kept.
 */
export function checkNative(viewer: Viewer, plan: NativePlan, staged: string | null) {
	const names = plan.files.map((f) => f.name).join(', ');
	const meta: StagedMeta = { fileName: names, userId: viewer.userId, stagedAt: Date.now() };
	const token = staged ?? stage(dir(), new Uint8Array(0), meta);
	return startJob(viewer.userId, 'check', names, async (onProgress) => {
		try {
			const result = await run(viewer, plan, true, onProgress);
			saveResult<NativeStaged>(dir(), token, meta, { ...plan, result });
			return { target: `/hochladen?token=${token}` };
		} catch (e) {
			if (!staged) discardNative(token, plan);
			if (!(e instanceof UnreadableNativeFile)) return refusedOutcome(e);
			const why = e.reason === 'empty' ? m.upload_empty() : m.upload_not_text();
			return { message: `${e.fileName}: ${why}` };
		}
	});
}

export function commitNative(viewer: Viewer, staged: Staged<NativeStaged>) {
	const { meta, token, result: plan } = staged;
	return startJob(
		viewer.userId,
		'commit',
		meta.fileName,
		async (onProgress) => {
			let result: NativeResult;
			try {
				result = await run(viewer, plan, false, onProgress);
			} catch (e) {
				return refusedOutcome(e);
			}
			if (result.uploadId === null) {
				// The database changed since the preview: show what the files would do now.
				saveResult<NativeStaged>(dir(), token, meta, { ...plan, result });
				return { target: `/hochladen?token=${token}&erneut` };
			}
			discardNative(token, plan);
			logImport({ ...result, kind: 'metrics' }, viewer.userId, 'web');
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
