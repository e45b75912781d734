import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { authorise } from '$lib/server/auth/authorise';
import { findJob, secondsLeft } from '$lib/server/ingest/jobs';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = authorise(locals, 'read');
	const job = findJob(url.searchParams.get('job'), viewer.userId);
	if (!job) error(404, m.upload_job_unknown());
	if (job.outcome && 'target' in job.outcome) redirect(303, job.outcome.target);
	return {
		kind: job.kind,
		fileName: job.fileName,
		progress: job.progress,
		secondsLeft: secondsLeft(job),
		message: job.outcome ? job.outcome.message || m.error_500() : null
	};
};
