import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { authorise, can } from '$lib/server/auth/authorise';
import { audit } from '$lib/server/auth/audit';
import { roundContext } from '$lib/server/report/context';
import { roundExport, type ExportView } from '$lib/server/report/roundExport';
import { toCsv, toXlsx } from '$lib/server/report/table';
import { db, kpiSource } from '$lib/server/startup';
import type { RequestHandler } from './$types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `?format=csv|xlsx`, `&jc=CODE` for one jobcenter, `&fassung=teilnehmende` for pseudonyms. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const viewer = authorise(locals, 'read');
	const format = url.searchParams.get('format') ?? 'csv';
	if (format !== 'csv' && format !== 'xlsx')
		error(400, { message: m.export_bad_format({ value: format }) });
	const id = /^\d+$/.test(params.id) ? Number(params.id) : NaN;
	const context = Number.isNaN(id) ? null : await roundContext(db(), kpiSource(), id);
	if (!context) error(404, { message: m.round_unknown({ id: params.id }) });
	const jc = url.searchParams.get('jc');
	let view: ExportView;
	if (!can(viewer, 'read_all')) {
		const self = context.participants.find((p) => p.id === viewer.jobcenterId);
		if (!self || (jc !== null && jc !== self.code)) error(403, { message: m.error_403() });
		view = { kind: 'own', self };
	} else if (jc !== null) {
		const self = context.participants.find((p) => p.code === jc);
		if (!self) error(404, { message: m.report_not_participant({ code: jc }) });
		view = { kind: 'own', self };
	} else {
		view = { kind: url.searchParams.get('fassung') === 'teilnehmende' ? 'pseudonymised' : 'named' };
	}
	const { sheets, all } = await roundExport(context, view);
	await audit(
		db(),
		viewer,
		'round_exported',
		`${context.round.id}: ${format}, ${view.kind === 'own' ? view.self.code : view.kind}`
	);
	const name = `benchlearning-runde-${context.round.id}${view.kind === 'own' ? `-${view.self.code}` : view.kind === 'pseudonymised' ? '-pseudonymisiert' : ''}.${format}`;
	const body = format === 'csv' ? toCsv(all) : new Uint8Array(await toXlsx(sheets));
	return new Response(body, {
		headers: {
			'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX,
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
};
