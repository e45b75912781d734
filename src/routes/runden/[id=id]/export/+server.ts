import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { authorise } from '$lib/server/auth/authorise';
import { audit } from '$lib/server/auth/audit';
import { roundContext } from '$lib/server/report/context';
import { roundExport, type ExportView } from '$lib/server/report/roundExport';
import { toCsv, toXlsx } from '$lib/server/report/table';
import { readParticipant, roundReader } from '$lib/server/rounds';
import { choice, jobcenterCode, pathId, query, shown } from '$lib/server/params';
import { db, kpiSource } from '$lib/server/startup';
import type { RequestHandler } from './$types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const EXPORT_QUERY = {
	format: choice(['csv', 'xlsx'] as const, (value) => m.export_bad_format({ value: shown(value) })),
	jc: jobcenterCode(),
	fassung: choice(['teilnehmende'])
};

/** `?format=csv|xlsx`, `&jc=CODE` for one jobcenter, `&fassung=teilnehmende` for pseudonyms. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const viewer = authorise(locals, 'read');
	const { format: chosen, jc, fassung } = query(url.searchParams, EXPORT_QUERY);
	const format = chosen ?? 'csv';
	const id = pathId(params.id);
	const context = id === null ? null : await roundContext(db(), kpiSource(), id);
	const reader = roundReader(viewer, context?.participants ?? null);
	if (!context || !reader) error(404, { message: m.round_not_found() });
	const self = readParticipant(reader, context.participants, jc);
	if (self === 'forbidden') error(403, { message: m.error_403() });
	if (self === 'not_participant')
		error(404, { message: m.report_not_participant({ code: shown(jc ?? '') }) });
	const view: ExportView = self
		? { kind: 'own', self }
		: { kind: fassung === 'teilnehmende' ? 'pseudonymised' : 'named' };
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
