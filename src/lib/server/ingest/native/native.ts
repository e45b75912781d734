/**
 * Imports the platforms' own exports: several files of one jobcenter become one upload through
 * the import's reading, dialect and write stages; one rejected file writes nothing at all.
 */
import { createHash } from 'node:crypto';
import type { ChannelId } from '$lib/channels';
import { currentMonth } from '$lib/server/clock';
import type { DB } from '$lib/server/db';
import type { Metric } from '$lib/server/db/schema';
import type { Month } from '$lib/months';
import { META_DAILY_TITLES, lookup, normalise, type NativeField } from '../aliases';
import type { ByteSource, Delimiter, Encoding } from '../dialect';
import { IssueLog } from '../issues';
import type { Issue } from '../messages';
import { CsvSyntaxError } from '../records';
import { unreadable } from '../validate-file';
import type { MetricsRow } from '../validate';
import type { RowChange } from '../write';
import { periodFromFileName, type Period } from './dates';
import { repeats, type FormatId } from './formats';
import { dailyMonths, postMonths, type MetricValues, type MonthlyFigures } from './months';
import { MAX_RECORDS, readExport, type NativeTable } from './read';
import { writeNativeRows } from './write';

export interface NativeFile {
	name: string;
	source: ByteSource;
}

export interface NativeOptions {
	jobcenterId: number;
	/** The channel the user named: needed where the format does not fix it, an error where it contradicts. */
	channel?: ChannelId | null;
	/** The export period the user stated, for per-post files whose name does not carry it. */
	period?: Period | null;
	userId: number | null;
	dryRun?: boolean;
	env?: Record<string, string | undefined>;
}

export interface NativeFileResult {
	fileName: string;
	format: FormatId | null;
	channel: ChannelId | null;
	dialect: { encoding: Encoding; delimiter: Delimiter } | null;
	period: (Period & { source: 'file-name' | 'user' | 'days' }) | null;
	/** Which export column feeds which metric (for `posts`: the column whose rows are counted). */
	mapping: { column: string; metric: Metric }[];
	/** A Meta daily series' figure that Benchlearn does not store, as its title names it. */
	notUsed: string | null;
	/** The complete months, stored; the others skipped with the reason. */
	months: Month[];
	skipped: { month: Month; issue: Issue }[];
	rows: { month: Month; values: MetricValues }[];
	errors: Issue[];
	warnings: Issue[];
}

export interface NativeResult {
	files: NativeFileResult[];
	uploadId: number | null;
	inserted: number;
	updated: number;
	unchanged: number;
	/** The first updated rows with their stored and new values ("bisher → neu"). */
	changes: RowChange[];
	errorCount: number;
	warningCount: number;
}

/** Whether the file is a platform export (or one wrapped line by line), read from its content. */
export async function isNativeExport(source: ByteSource): Promise<boolean> {
	try {
		const read = await readExport(firstBytes(source), true);
		return !('native' in read);
	} catch (e) {
		if (e instanceof CsvSyntaxError) return false;
		throw e;
	}
}

/** An export's header is in its first lines: this much is read to tell, however big the file. */
const DETECT_BYTES = 65_536;

/** The file's first lines: cut after a line break, so that no character is cut in two. */
function firstBytes(source: ByteSource): ByteSource {
	return async function* () {
		const chunks: Uint8Array[] = [];
		let read = 0;
		for await (const chunk of source()) {
			chunks.push(chunk);
			read += chunk.length;
			if (read >= DETECT_BYTES) break;
		}
		const head = Buffer.concat(chunks);
		if (head.length < DETECT_BYTES) return yield head;
		const utf16 = head[0] === 0xff && head[1] === 0xfe;
		const end = head.lastIndexOf(0x0a, DETECT_BYTES - 2);
		yield head.subarray(0, end < 0 ? DETECT_BYTES : end + (utf16 ? 2 : 1));
	};
}

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
		notUsed: null,
		months: [],
		skipped: [],
		rows: [],
		errors: [],
		warnings: []
	};
}

const fileIssue = (code: Issue['code'], detail?: string): Issue => ({
	line: null,
	column: null,
	value: null,
	code,
	...(detail === undefined ? {} : { detail })
});

/** One file read and turned into monthly rows, or into the errors that reject it. */
async function readFile(
	file: NativeFile,
	options: NativeOptions,
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

	const given = options.channel ?? null;
	if (given && fileChannel && given !== fileChannel) {
		log.add(fileIssue('native_channel_contradicts', `${given}|${fileChannel}`));
	}
	result.channel = fileChannel ?? given;
	if (result.channel === null) log.add(fileIssue('native_channel_needed'));
	viewsDiffer(table, log);

	let figures: MonthlyFigures;
	const ctx = { table, mapping, current };
	if (table.format.rows === 'posts') {
		const named = periodFromFileName(file.name);
		const period = named ?? options.period ?? null;
		if (!period) {
			log.add(fileIssue('native_no_period'));
			return done();
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

export async function importNativeFiles(
	db: DB,
	files: NativeFile[],
	options: NativeOptions
): Promise<NativeResult> {
	const current = currentMonth(options.env ?? process.env);
	const read = [];
	for (const file of files) read.push(await readFile(file, options, current));
	const results = read.map((r) => r.result);
	const merged = merge(results, options.jobcenterId);
	const outcome: NativeResult = {
		files: results,
		uploadId: null,
		inserted: 0,
		updated: 0,
		unchanged: 0,
		changes: [],
		errorCount: 0,
		warningCount: 0
	};
	const count = () => {
		outcome.errorCount = results.reduce((n, r) => n + r.errors.length, 0);
		outcome.warningCount = results.reduce((n, r) => n + r.warnings.length, 0);
	};
	count();
	const known = await db
		.selectFrom('jobcenter')
		.select('id')
		.where('id', '=', options.jobcenterId)
		.executeTakeFirst();
	if (!known) throw new Error(`There is no jobcenter with id ${options.jobcenterId}.`);
	const rejected = outcome.errorCount > 0;
	// Every file's months are compared with the stored rows, also when the upload is rejected.
	const upload =
		rejected || options.dryRun
			? null
			: {
					userId: options.userId,
					fileName: files.map((f) => f.name).join(', '),
					sha256: createHash('sha256')
						.update(read.map((r) => r.sha256 ?? '').join('\n'))
						.digest('hex'),
					dialect: {
						format: 'native' as const,
						files: results.map((r) => ({ name: r.fileName, format: r.format ?? '' }))
					}
				};
	// A figure's warning goes to the file that brought the row, with the row's month.
	const warn = (issue: Issue) => {
		const row = merged.rows[issue.line as number];
		const file = results[merged.firstFile[issue.line as number]];
		file.warnings.push({ ...issue, line: null, month: row.month });
	};
	const written = writeNativeRows(db, merged.rows, upload, String, warn, () => {
		count();
		return outcome.warningCount;
	});
	Object.assign(outcome, written);
	if (rejected) Object.assign(outcome, { inserted: 0, updated: 0, unchanged: 0, uploadId: null });
	count();
	return outcome;
}

/**
 * The files' rows as one row per channel and month. Two files that bring the same metric for the
 * same month must agree, except that a daily series beats a sum over posts (it counts every day,
 * not only the posts published in the month).
 */
function merge(results: NativeFileResult[], jobcenterId: number) {
	const byKey = new Map<string, { row: MetricsRow; from: Partial<Record<Metric, number>> }>();
	const rows: MetricsRow[] = [];
	const firstFile: number[] = [];
	const isDaily = (i: number) => results[i].period?.source === 'days';
	results.forEach((result, fileIndex) => {
		if (result.channel === null || result.errors.length > 0) return;
		for (const { month, values } of result.rows) {
			const key = `${result.channel}|${month}`;
			let entry = byKey.get(key);
			if (!entry) {
				const row = { line: rows.length, jobcenterId, channel: result.channel, month, values: {} };
				entry = { row, from: {} };
				byKey.set(key, entry);
				rows.push(row);
				firstFile.push(fileIndex);
			}
			for (const [metric, value] of Object.entries(values) as [Metric, number][]) {
				const earlier = entry.from[metric];
				if (earlier === undefined || entry.row.values[metric] === value) {
					entry.row.values[metric] = value;
					entry.from[metric] = fileIndex;
					continue;
				}
				const detail = (other: number) => `${metric}|${month}|${results[other].fileName}`;
				if (isDaily(earlier) === isDaily(fileIndex)) {
					result.errors.push({ ...fileIssue('native_conflict', detail(earlier)), month });
				} else if (isDaily(fileIndex)) {
					results[earlier].warnings.push({
						...fileIssue('native_overridden', detail(fileIndex)),
						month
					});
					entry.row.values[metric] = value;
					entry.from[metric] = fileIndex;
				} else {
					result.warnings.push({ ...fileIssue('native_overridden', detail(earlier)), month });
				}
			}
		}
	});
	// A complete month whose every metric lacked values sets nothing: no row of empty cells.
	const kept = rows.filter((row) => Object.keys(row.values).length > 0);
	const files = kept.map((row) => firstFile[row.line]);
	// The line is the row's index: the writer's warnings find their row and file by it.
	kept.forEach((row, i) => (row.line = i));
	return { rows: kept, firstFile: files };
}
