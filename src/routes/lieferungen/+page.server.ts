import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { uiLocale } from '$lib/i18n/locale';
import { audit } from '$lib/server/auth/audit';
import { authorise } from '$lib/server/auth/authorise';
import { writeFault } from '$lib/server/db/faults';
import { DatabaseBusy, undoInWorker } from '$lib/server/ingest/in-worker';
import { logUndo } from '$lib/server/log';
import { listUploads, mayUndo } from '$lib/server/uploads';
import { form, ID_MAX, integer, query } from '$lib/server/params';
import { config, db } from '$lib/server/startup';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = authorise(locals, 'read');
	const { neu: fresh } = query(url.searchParams, { neu: integer(1, ID_MAX) });
	const uploads = await listUploads(db(), viewer);
	return {
		uploads,
		showJobcenter: viewer.role !== 'jobcenter',
		committed: uploads.find((u) => u.id === fresh) ?? null
	};
};

export const actions: Actions = {
	undo: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read');
		const read = form(await request.formData(), { id: integer(1, ID_MAX) });
		const id = read.ok ? read.values.id : null;
		if (id === null) return fail(400, { message: m.uploads_choose() });
		const lang = uiLocale();
		// An upload the viewer may not see is refused exactly like one that does not exist.
		const result = (await mayUndo(db(), viewer, id))
			? await undoInWorker(config().databasePath, id, lang).catch(refused)
			: ({ ok: false, message: m.uploads_not_found({ id }) } as const);
		if (!result.ok)
			return fail('status' in result ? result.status : 400, { id, message: result.message });
		logUndo(id, result.restored, viewer.userId, 'web');
		await audit(db(), viewer, 'undo', `Upload ${id}, ${result.restored} Zeilen wiederhergestellt`);
		return { id, undone: true };
	}
};

/** An undo that a held lock or a full or read-only disk refused says so; any other error is a bug. */
function refused(e: unknown) {
	const fault = e instanceof DatabaseBusy ? 'busy' : writeFault(e);
	if (!fault) throw e;
	const message = fault === 'busy' ? m.error_db_busy() : m.upload_storage_failed();
	return { ok: false, status: 503, message } as const;
}
