import { error, fail, redirect } from '@sveltejs/kit';
import { CHANNEL_IDS, CHANNELS, type ChannelId } from '$lib/channels';
import { addMonths, type Month } from '$lib/months';
import { m } from '$lib/paraglide/messages';
import { uiLocale } from '$lib/i18n/locale';
import { audit } from '$lib/server/auth/audit';
import { authorise, type Viewer } from '$lib/server/auth/authorise';
import { lastCompleteMonth } from '$lib/server/clock';
import { METRICS, type Metric } from '$lib/server/db/schema';
import { DatabaseBusy } from '$lib/server/ingest/in-worker';
import { logImport } from '$lib/server/log';
import {
	choice,
	EARLIEST_MONTH,
	form,
	jobcenterCode,
	list,
	month,
	query,
	shown
} from '$lib/server/params';
import { db } from '$lib/server/startup';
import {
	checkForm,
	fileNameOf,
	mayChooseJobcenter,
	saveForm,
	stagedFor,
	type Checked
} from './check.server';
import { fieldName, type MonthForm } from './rows.server';
import type { Actions, PageServerLoad } from './$types';

/** How far back the month chooser reaches; older months are corrected with a file. */
const CHOOSER_MONTHS = 24;
/** No figure is longer: a longer value is refused before it reaches the pipeline. */
const VALUE_MAX = 30;

const lang = () => uiLocale();

const WHERE = {
	jc: jobcenterCode(),
	monat: month(),
	kanal: list(
		choice(CHANNEL_IDS, (value) => m.filter_bad_channel({ value: shown(value) })),
		CHANNEL_IDS.length
	)
};

/** The jobcenter: a jobcenter user's own, an analyst's choice (null until chosen). */
async function jobcenterOf(viewer: Viewer, code: string | null) {
	const select = db().selectFrom('jobcenter').select(['id', 'code', 'name']);
	if (!mayChooseJobcenter(viewer)) {
		const own = await select.where('id', '=', viewer.jobcenterId ?? -1).executeTakeFirst();
		if (!own) error(403, { message: m.error_403() });
		if (code && code !== own.code) error(403, { message: m.error_403() });
		return own;
	}
	if (!code) return null;
	const chosen = await select.where('code', '=', code).executeTakeFirst();
	if (!chosen) error(404, { message: m.dashboard_unknown_jobcenter({ code: shown(code) }) });
	return chosen;
}

/** Complete past months only: the newest first, the last complete month by default. */
function monthOf(chosen: Month | null): { month: Month; months: Month[] } {
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
async function storedOf(jobcenterId: number, month: Month) {
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
function channelsOf(...lists: string[][]): ChannelId[] {
	const wanted = new Set(lists.flat());
	return CHANNEL_IDS.filter((c) => wanted.has(c));
}

/** A stored figure as the user would type it: no thousands separator, the page's decimal sign. */
function typed(value: number | null): string {
	if (value === null) return '';
	return lang() === 'en' ? String(value) : String(value).replace('.', ',');
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = authorise(locals, 'read');
	const where = query(url.searchParams, WHERE);
	const jobcenter = await jobcenterOf(viewer, where.jc);
	const { month, months } = monthOf(where.monat);
	const jobcenters = mayChooseJobcenter(viewer)
		? await db()
				.selectFrom('jobcenter')
				.select(['code', 'name'])
				.where('active', '=', 1)
				.orderBy('name')
				.execute()
		: [];
	const base = { month, months, jobcenters, mayChoose: mayChooseJobcenter(viewer) };
	if (!jobcenter) return { ...base, jobcenter: null, sheet: null };
	const stored = await storedOf(jobcenter.id, month);
	const channels = channelsOf(stored.used, Object.keys(stored.current), where.kanal);
	const values: Record<string, string> = {};
	const previous: Record<string, number | null> = {};
	for (const channel of CHANNEL_IDS)
		for (const metric of METRICS) {
			values[fieldName(channel, metric)] = typed(stored.current[channel]?.[metric] ?? null);
			previous[fieldName(channel, metric)] = stored.previous[channel]?.[metric] ?? null;
		}
	return {
		...base,
		jobcenter: { code: jobcenter.code, name: jobcenter.name },
		sheet: {
			metrics: [...METRICS],
			channels,
			values,
			previous,
			catalogue: CHANNELS.map((c) => ({ id: c.id, name: c.name }))
		}
	};
};

/** The posted form: where it is for (checked as the page checks it) and every field's text. */
async function readForm(viewer: Viewer, data: FormData) {
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

type Read = Awaited<ReturnType<typeof readForm>>;

/** The check, as the action's answer: field errors (400), or the checked form ready to save. */
async function check(viewer: Viewer, read: Exclude<Read, { problem: string }>, note?: string) {
	const { form, jobcenter } = read;
	const echo = { values: form.values, channels: form.channels, note };
	if (read.tooLong.length) {
		const message = m.param_too_long({ max: VALUE_MAX });
		const fieldErrors = Object.fromEntries(read.tooLong.map((f) => [f, [message]]));
		const errors = read.tooLong.map((field) => ({ field, text: message }));
		return fail(400, {
			...echo,
			checked: {
				fieldErrors,
				fieldWarnings: {},
				errors,
				warnings: [],
				changes: [],
				inserted: [],
				updated: 0
			} satisfies Checked
		});
	}
	let outcome;
	try {
		outcome = await checkForm(viewer, jobcenter.id, form, lang());
	} catch (e) {
		if (e instanceof DatabaseBusy) return fail(503, { ...echo, message: m.error_db_busy() });
		throw e;
	}
	if (outcome.kind === 'nothing') return fail(400, { ...echo, message: m.monthly_nothing() });
	if (outcome.kind === 'errors') return fail(400, { ...echo, checked: outcome.checked });
	if (outcome.kind === 'unchanged') return { ...echo, unchanged: true };
	return { ...echo, checked: outcome.checked, token: outcome.token };
}

export const actions: Actions = {
	pruefen: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read');
		const read = await readForm(viewer, await request.formData());
		if ('problem' in read) return fail(400, { message: read.problem });
		return check(viewer, read);
	},

	speichern: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read');
		const read = await readForm(viewer, await request.formData());
		if ('problem' in read) return fail(400, { message: read.problem });
		const staged = read.token ? stagedFor(viewer, read.token, read.form, lang()) : null;
		// Changed after the check, or checked too long ago: check again, and save only after that.
		if (!staged) {
			const again = await check(viewer, read, m.monthly_rechecked());
			return 'status' in again ? again : fail(400, again);
		}
		let result;
		try {
			result = await saveForm(viewer, read.jobcenter.id, staged.token, read.form.month);
		} catch (e) {
			if (e instanceof DatabaseBusy) return fail(503, { message: m.error_db_busy() });
			throw e;
		}
		if (result.uploadId === null) return check(viewer, read, m.monthly_rechecked());
		logImport(result, viewer.userId, 'web');
		await audit(
			db(),
			viewer,
			'upload',
			`Upload ${result.uploadId}: ${fileNameOf(read.form.month)}, ${read.jobcenter.code}, ${result.inserted} neu, ${result.updated} geändert, ${result.unchanged} unverändert`
		);
		redirect(303, `/uploads?neu=${result.uploadId}`);
	},

	kanal: async ({ locals, request }) => {
		const viewer = authorise(locals, 'read');
		const data = await request.formData();
		const read = await readForm(viewer, data);
		if ('problem' in read) return fail(400, { message: read.problem });
		const added = data.get('neu');
		if (typeof added !== 'string' || !(CHANNEL_IDS as string[]).includes(added))
			return fail(400, {
				values: read.form.values,
				channels: read.form.channels,
				message: m.monthly_choose_channel()
			});
		const channels = channelsOf(read.form.channels, [added]);
		return { values: read.form.values, channels, added };
	}
};
