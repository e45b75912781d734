/** One platform export read and turned into the monthly rows of its complete months, or into the errors that reject it. */
import { channelName, type ChannelId } from '$lib/channels';
import type { Metric } from '$lib/server/db/schema';
import type { Month } from '$lib/months';
import { META_DAILY_TITLES, lookup, normalise, type NativeField } from '../aliases';
import { headOf, type ByteSource, type Delimiter, type Encoding } from '../dialect';
import { IssueLog } from '../issues';
import type { Issue } from '../messages';
import { CsvSyntaxError } from '../records';
import { unreadable } from '../validate-file';
import { periodFromFileName, slashOrderOf, type Period } from './dates';
import { repeats, type FormatId } from './formats';
import { dailyMonths, postMonths, type MetricValues, type MonthlyFigures } from './months';
import { MAX_RECORDS, readExport, type NativeTable } from './read';

export interface NativeFile {
	name: string;
	source: ByteSource;
	/** The channel the user chose for this file; over `Stated.channel`, which holds for every file. */
	channel?: ChannelId | null;
}

export interface NativeFileResult {
	fileName: string;
	format: FormatId | null;
	channel: ChannelId | null;
	dialect: { encoding: Encoding; delimiter: Delimiter } | null;
	period: (Period & { source: 'file-name' | 'user' | 'days' }) | null;
	/** Which export column feeds which metric (for `posts`: the column whose rows are counted). */
	mapping: { column: string; metric: Metric }[];
	/** A Meta daily series' title line (`Facebook reach`), as the file writes it. */
	title: string | null;
	/** A Meta daily series' figure that Benchlearn does not store, as its title names it. */
	notUsed: string | null;
	/** The complete months, stored; the others skipped with the reason. */
	months: Month[];
	skipped: { month: Month; issue: Issue }[];
	rows: { month: Month; values: MetricValues }[];
	errors: Issue[];
	warnings: Issue[];
}
/** What the user said about the files: the channel and the export period, where the files do not. */
export interface Stated {
	/** Needed where the format does not fix the channel; an error where it contradicts the file. */
	channel?: ChannelId | null;
	/** The export period, for per-post files whose name does not carry it. */
	period?: Period | null;
}

/** Whether the file is a platform export (or one wrapped line by line), read from its content. */
export async function isNativeExport(source: ByteSource): Promise<boolean> {
	try {
		const read = await readExport(headOf(source, DETECT_BYTES), true);
		return !('native' in read);
	} catch (e) {
		if (e instanceof CsvSyntaxError) return false;
		throw e;
	}
}

/** An export's header is in its first lines: this much is read to tell, however big the file. */
const DETECT_BYTES = 65_536;

const TITLE_LOOKUP = lookup(Object.entries(META_DAILY_TITLES) as [Metric, string[]][]);

/** A Meta daily series' title: `Facebook reach` → facebook and reach; `Follows` → a figure not used. */
export function metaDailyTitle(title: string | null): {
	channel: ChannelId | null;
	metric: Metric | null;
} {
	const key = normalise(title ?? '');
	const channel = key.startsWith('facebook')
		? 'facebook'
		: key.startsWith('instagram')
			? 'instagram'
			: null;
	const rest = channel ? key.slice(channel.length) : key;
	return { channel, metric: TITLE_LOOKUP.get(rest) ?? null };
}

function empty(fileName: string): NativeFileResult {
	return {
		fileName,
		format: null,
		channel: null,
		dialect: null,
		period: null,
		mapping: [],
		title: null,
		notUsed: null,
		months: [],
		skipped: [],
		rows: [],
		errors: [],
		warnings: []
	};
}

export const fileIssue = (code: Issue['code'], detail?: string): Issue => ({
	line: null,
	column: null,
	value: null,
	code,
	...(detail === undefined ? {} : { detail })
});

/** One file read and turned into monthly rows, or into the errors that reject it. */
export async function readNativeFile(
	file: NativeFile,
	options: Stated,
	current: Month
): Promise<{ result: NativeFileResult; sha256: string | null }> {
	const result = empty(file.name);
	const log = new IssueLog();
	const done = () => {
		Object.assign(result, { errors: log.view().errors, warnings: log.view().warnings });
		return { result, sha256 };
	};
	let sha256: string | null = null;
	let read;
	try {
		read = await readExport(file.source);
	} catch (e) {
		if (!(e instanceof CsvSyntaxError)) throw e;
		log.add(unreadable(e));
		return done();
	}
	if ('native' in read) {
		log.add(fileIssue('native_unknown_format'));
		return done();
	}
	if ('wrapped' in read) {
		result.dialect = { encoding: read.encoding, delimiter: read.delimiter };
		log.add({ ...fileIssue('native_wrapped_lines'), line: 1 });
		return done();
	}
	const { table } = read;
	sha256 = table.sha256;
	Object.assign(result, {
		format: table.format.id,
		title: table.title,
		dialect: { encoding: table.encoding, delimiter: table.delimiter }
	});
	if (table.truncated) log.add(fileIssue('native_too_long', String(MAX_RECORDS)));

	// The mapping: fixed by the format, or for Meta's daily series by its title line.
	let mapping: Partial<Record<Metric, NativeField>> = table.format.metrics;
	let fileChannel = table.format.channel;
	if (table.format.id === 'meta-daily') {
		const named = metaDailyTitle(table.title);
		fileChannel = named.channel;
		if (named.metric === null) {
			result.notUsed = table.title ?? '?';
			log.add(fileIssue('native_not_used', result.notUsed));
			return done();
		}
		mapping = { [named.metric]: 'primary' };
	}
	mapping = Object.fromEntries(
		Object.entries(mapping).filter(([, field]) => table.fields.includes(field))
	);
	result.mapping = Object.entries(mapping).map(([metric, field]) => ({
		column: table.names[table.fields.indexOf(field)],
		metric: metric as Metric
	}));

	const given = file.channel ?? options.channel ?? null;
	if (given && fileChannel && given !== fileChannel) {
		const names = `${channelName(given)}|${channelName(fileChannel)}`;
		log.add(fileIssue('native_channel_contradicts', names));
	}
	result.channel = fileChannel ?? given;
	if (result.channel === null) log.add(fileIssue('native_channel_needed'));
	viewsDiffer(table, log);

	let figures: MonthlyFigures;
	const dayColumn = table.fields.indexOf(table.format.day);
	const order = slashOrderOf(table.records.map((r) => r.cells[dayColumn] ?? ''));
	const ctx = { table, mapping, current, order };
	if (table.format.rows === 'posts') {
		const named = periodFromFileName(file.name);
		const stated = options.period ?? null;
		const period = named ?? stated;
		if (!period) {
			log.add(fileIssue('native_no_period'));
			return done();
		}
		// The platform wrote the name's period; a different one stated is named, not dropped unseen.
		if (named && stated && (named.from !== stated.from || named.to !== stated.to)) {
			const detail = [named.from, named.to, stated.from, stated.to].join('|');
			log.add(fileIssue('native_period_contradicts', detail));
		}
		result.period = { ...period, source: named ? 'file-name' : 'user' };
		figures = postMonths(ctx, period);
	} else {
		figures = dailyMonths(ctx);
		if (figures.period) result.period = { ...figures.period, source: 'days' };
		else log.add({ line: 2, column: null, value: null, code: 'no_rows' });
	}
	log.addAll(figures.issues);
	Object.assign(result, {
		rows: figures.rows,
		months: figures.rows.map((r) => r.month),
		skipped: figures.skipped
	});
	return done();
}

/** Meta writes `Views` twice in some exports; the first is used, a different second one is named. */
function viewsDiffer(table: NativeTable, log: IssueLog): void {
	for (const { field, first, index } of repeats(table.names)) {
		if (field !== 'views') continue;
		const differs = table.records.find((r) => (r.cells[first] ?? '') !== (r.cells[index] ?? ''));
		if (differs) {
			const column = table.names[index];
			log.add({
				line: differs.line,
				column,
				value: differs.cells[index] ?? '',
				code: 'native_views_differ'
			});
			return;
		}
	}
}
