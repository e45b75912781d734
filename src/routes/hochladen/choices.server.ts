/** What the user says about platform exports: the jobcenter, the export period, a channel per file, each checked here. */
import type { ChannelId } from '$lib/channels';
import { m } from '$lib/paraglide/messages';
import { can, type Viewer } from '$lib/server/auth/authorise';
import type { DB } from '$lib/server/db';
import type { Period } from '$lib/server/ingest/native/dates';
import { CHOOSABLE_CHANNELS } from './channels';
import { choice, day, form, jobcenterCode, shown } from '$lib/server/params';

/** No more files make one upload; a month of a few channels' exports is far fewer. */
export const MAX_FILES = 20;

type Refusal = { ok: false; field: string; message: string };

/** The received fields as the schema layer reads them. */
function fieldsOf(fields: Record<string, string> | FormData): FormData {
	if (fields instanceof FormData) return fields;
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.append(name, value);
	return data;
}

/** `von` and `bis`, both or neither; a period that ends before it starts is refused. */
export function statedPeriod(
	fields: Record<string, string> | FormData
): { ok: true; period: Period | null } | Refusal {
	const read = form(fieldsOf(fields), { von: day(), bis: day() });
	if (!read.ok) return read;
	const { von, bis } = read.values;
	if (von === null && bis === null) return { ok: true, period: null };
	if (von === null || bis === null) {
		return { ok: false, field: von === null ? 'von' : 'bis', message: m.upload_period_both() };
	}
	if (von > bis) return { ok: false, field: 'bis', message: m.upload_period_order() };
	return { ok: true, period: { from: von, to: bis } };
}

/** `kanal-0`, `kanal-1`, …: the channel chosen for each file, null where none was chosen. */
export function statedChannels(
	fields: FormData,
	count: number
): { ok: true; channels: (ChannelId | null)[] } | Refusal {
	const names = Array.from({ length: count }, (_, i) => `kanal-${i}`);
	const channel = choice(CHOOSABLE_CHANNELS, (value) =>
		m.filter_bad_channel({ value: shown(value) })
	);
	const read = form(fields, Object.fromEntries(names.map((n) => [n, channel])));
	if (!read.ok) return read;
	return { ok: true, channels: names.map((n) => read.values[n]) };
}

/**
 * The jobcenter the exports belong to: a jobcenter user's own, whatever was sent (a posted code
 * is never trusted); an analyst's choice, which must be a known code.
 */
export async function jobcenterFor(
	db: DB,
	viewer: Viewer,
	fields: Record<string, string>
): Promise<{ ok: true; id: number } | Refusal> {
	const select = db.selectFrom('jobcenter').select('id');
	if (!can(viewer, 'read_all')) {
		const own = await select.where('id', '=', viewer.jobcenterId ?? -1).executeTakeFirst();
		if (own) return { ok: true, id: own.id };
		return { ok: false, field: 'jobcenter', message: m.upload_native_no_jobcenter() };
	}
	const read = form(fieldsOf(fields), { jobcenter: jobcenterCode() });
	if (!read.ok) return read;
	const code = read.values.jobcenter;
	if (!code) return { ok: false, field: 'jobcenter', message: m.upload_native_choose_jobcenter() };
	const chosen = await select.where('code', '=', code).executeTakeFirst();
	if (chosen) return { ok: true, id: chosen.id };
	return {
		ok: false,
		field: 'jobcenter',
		message: m.dashboard_unknown_jobcenter({ code: shown(code) })
	};
}

/** The jobcenters an analyst may choose from, as the Monatsmeldung lists them. */
export async function choosableJobcenters(db: DB, viewer: Viewer) {
	if (!can(viewer, 'read_all')) return [];
	return db
		.selectFrom('jobcenter')
		.select(['code', 'name'])
		.where('active', '=', 1)
		.orderBy('name')
		.execute();
}
