/** The Monatsmeldung's sheet: whose and which month it is, what is stored, and what a posted sheet says. */
import { error } from '@sveltejs/kit';
import { CHANNEL_IDS, type ChannelId } from '$lib/channels';
import { addMonths, type Month } from '$lib/months';
import { m } from '$lib/paraglide/messages';
import { uiLocale } from '$lib/i18n/locale';
import type { Viewer } from '$lib/server/auth/authorise';
import { lastCompleteMonth } from '$lib/server/clock';
import { byCode, byId, REFERENCE } from '$lib/server/db/jobcenters';
import { METRICS, type Metric } from '$lib/server/db/schema';
import { EARLIEST_MONTH, form, jobcenterCode, month, shown } from '$lib/server/params';
import { db } from '$lib/server/startup';
import { mayChooseJobcenter } from './check.server';
import { fieldName, type MonthForm } from './rows.server';

/** How far back the month chooser reaches; older months are corrected with a file. */
const CHOOSER_MONTHS = 24;
/** No figure is longer: a longer value is refused before it reaches the pipeline. */
export const VALUE_MAX = 30;

export const lang = () => uiLocale();

/** The jobcenter: a jobcenter user's own, an analyst's choice (null until chosen). */
export async function jobcenterOf(viewer: Viewer, code: string | null) {
	if (!mayChooseJobcenter(viewer)) {
		const own = await byId(db(), viewer.jobcenterId ?? -1, REFERENCE);
		if (!own) error(403, { message: m.error_403() });
		if (code && code !== own.code) error(403, { message: m.error_403() });
		return own;
	}
	if (!code) return null;
	const chosen = await byCode(db(), code, REFERENCE);
	if (!chosen) error(404, { message: m.dashboard_unknown_jobcenter({ code: shown(code) }) });
	return chosen;
}

/** Complete past months only: the newest first, the last complete month by default. */
export function monthOf(chosen: Month | null): { month: Month; months: Month[] } {
	const latest = lastCompleteMonth();
	const months = Array.from({ length: CHOOSER_MONTHS }, (_, i) => addMonths(latest, -i)).filter(
		(mo) => mo >= EARLIEST_MONTH
	);
	const month = chosen ?? latest;
	if (month > latest || month < EARLIEST_MONTH)
		error(400, { message: m.monthly_bad_month({ earliest: EARLIEST_MONTH, latest }) });
	return { month, months: months.includes(month) ? months : [...months, month] };
}

type Figures = Record<Metric, number | null>;

/** The month's and the month before's stored rows, and every channel the jobcenter has rows for. */
export async function storedOf(jobcenterId: number, month: Month) {
	const rows = await db()
		.selectFrom('monthly_metric')
		.select(['channel_id', 'month', ...METRICS])
		.where('jobcenter_id', '=', jobcenterId)
		.where('month', 'in', [month, addMonths(month, -1)])
		.execute();
	const used = await db()
		.selectFrom('monthly_metric')
		.select('channel_id')
		.distinct()
		.where('jobcenter_id', '=', jobcenterId)
		.execute();
	const of = (at: Month) =>
		Object.fromEntries(
			rows.filter((r) => r.month === at).map((r) => [r.channel_id, r as unknown as Figures])
		) as Partial<Record<ChannelId, Figures>>;
	return {
		current: of(month),
		previous: of(addMonths(month, -1)),
		used: used.map((u) => u.channel_id)
	};
}

/** Channels in catalogue order: the used ones, those with a row this month, and those added. */
export function channelsOf(...lists: string[][]): ChannelId[] {
	const wanted = new Set(lists.flat());
	return CHANNEL_IDS.filter((c) => wanted.has(c));
}

/** A stored figure as the user would type it: no thousands separator, the page's decimal sign. */
export function typed(value: number | null): string {
	if (value === null) return '';
	return lang() === 'en' ? String(value) : String(value).replace('.', ',');
}

/** Every field's stored text to edit, and the month before's figure to compare it with. */
export function fieldsOf(stored: Awaited<ReturnType<typeof storedOf>>) {
	const values: Record<string, string> = {};
	const previous: Record<string, number | null> = {};
	for (const channel of CHANNEL_IDS)
		for (const metric of METRICS) {
			values[fieldName(channel, metric)] = typed(stored.current[channel]?.[metric] ?? null);
			previous[fieldName(channel, metric)] = stored.previous[channel]?.[metric] ?? null;
		}
	return { values, previous };
}

/** The posted form: where it is for (checked as the page checks it) and every field's text. */
export async function readForm(viewer: Viewer, data: FormData) {
	const text = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '');
	const where = form(data, { jc: jobcenterCode(), monat: month() });
	if (!where.ok) return { problem: where.message } as const;
	const jobcenter = await jobcenterOf(viewer, where.values.jc);
	if (!jobcenter) return { problem: m.monthly_choose_jobcenter() } as const;
	const latest = lastCompleteMonth();
	if (!where.values.monat)
		return { problem: m.monthly_bad_month({ earliest: EARLIEST_MONTH, latest }) } as const;
	const { month: chosen } = monthOf(where.values.monat);
	const kanal = data
		.getAll('kanal')
		.slice(0, CHANNEL_IDS.length)
		.map(text)
		.filter((c): c is ChannelId => (CHANNEL_IDS as string[]).includes(c));
	const stored = await storedOf(jobcenter.id, chosen);
	const channels = channelsOf(stored.used, Object.keys(stored.current), kanal);
	const values: Record<string, string> = {};
	const tooLong: string[] = [];
	for (const channel of channels)
		for (const metric of METRICS) {
			const name = fieldName(channel, metric);
			const value = text(data.get(name)).trim();
			if (value.length > VALUE_MAX) tooLong.push(name);
			values[name] = value.slice(0, VALUE_MAX);
		}
	const sheet: MonthForm = {
		code: jobcenter.code,
		month: chosen,
		channels,
		values,
		stored: new Set(Object.keys(stored.current) as ChannelId[])
	};
	return { jobcenter, form: sheet, tooLong, token: text(data.get('token')).slice(0, 64) };
}

export type Read = Awaited<ReturnType<typeof readForm>>;
