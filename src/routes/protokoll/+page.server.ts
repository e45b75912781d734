import { authorise } from '$lib/server/auth/authorise';
import { listAudit } from '$lib/server/auth/audit';
import { db } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	authorise(locals, 'read_all');
	return { entries: await listAudit(db(), 300) };
};
