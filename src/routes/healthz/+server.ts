import { json } from '@sveltejs/kit';
import { health } from '$lib/server/health';
import { db } from '$lib/server/startup';
import type { RequestHandler } from './$types';

// Public on purpose: a load balancer or monitor asks without a login; the answer holds no data.
export const GET: RequestHandler = async () => {
	const report = await health(db());
	return json(report, {
		status: report.status === 'ok' ? 200 : 503,
		headers: { 'cache-control': 'no-store' }
	});
};
