/** The benchmark's results: the targets of issue 7, a Markdown table for the README, and its section. */
import type { IngestResults } from './ingest';
import type { EngineTiming } from './engine';
import type { LoadPhase, WebLoad } from './load';
import type { PageTiming } from './pages';
import type { FileStages, ImportStages } from './stages';
import type { Weight } from './weight';

export interface BenchResults {
	scale: string;
	date: string;
	machine: {
		cores: number;
		cpu: string;
		memoryGb: number;
		node: string;
		sqlite: string;
		/** The 1-minute load average at the start and at the end. */
		load: number[];
		/** The same right before each timed part: ingest, pages, web upload. */
		loadBefore: { ingest: number; pages: number; web: number };
	};
	data: {
		jobcenters: number;
		channels: number;
		months: number;
		rows: number;
		canonicalBytes: number;
	};
	ingest: IngestResults;
	stages: ImportStages;
	pages: PageTiming[];
	engine: EngineTiming;
	web: WebLoad;
	weight: Weight;
}

export interface Target {
	target: string;
	measured: string;
	met: boolean;
}

const FAST_PAGES = ['/', '/kpi/engagement_rate_pct'];
const MB = 1024 * 1024;

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const times = (n: number) => `${n.toFixed(2)}×`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The targets of the server under a web upload (issue 13). */
export function webTargets(web: WebLoad): Target[] {
	const phases = { preview: web.preview, commit: web.commit };
	const targets = Object.entries(phases).flatMap(([name, p]) => [
		{
			target: `Web ${name}: event loop stalls ≤ 50 ms`,
			measured: ms(p.eventLoop.max),
			met: p.eventLoop.max <= 50
		},
		{
			target: `Web ${name}: jobcenter / p95 < 100 ms`,
			measured: ms(p.poll.p95),
			met: p.poll.p95 < 100 && p.pollsFailed === 0
		}
	]);
	const logins = web.logins.length;
	targets.push({
		target: 'Web commit: 10 logins and a second upload succeed',
		measured: `${logins} of ${logins + web.loginsFailed} logins, second upload ${web.secondUpload.succeeded ? 'done' : 'failed'}`,
		met: web.loginsFailed === 0 && logins > 0 && web.secondUpload.succeeded
	});
	return targets;
}

/** Each target of the issues with what was measured; an analyst's `/` is both the register and, with `jc`, the overview. */
export function checkTargets(r: BenchResults): Target[] {
	const { canonical, canonicalVsSqlite, canonicalVsSchema, germanVsCanonical } = r.ingest;
	const rss = (canonical.peakRss ?? 0) / MB;
	const targets: Target[] = [
		{
			target: 'Import ≤ 1.0× (d) sqlite3 into our schema',
			measured: times(canonicalVsSchema),
			met: canonicalVsSchema <= 1
		},
		{
			target: 'Import ≤ 6× (c) sqlite3 .import',
			measured: times(canonicalVsSqlite),
			met: canonicalVsSqlite <= 6
		},
		{ target: 'Import peak RSS < 300 MB', measured: `${rss.toFixed(0)} MB`, met: rss < 300 },
		{
			target: 'German file ≤ 1.1× canonical',
			measured: times(germanVsCanonical),
			met: germanVsCanonical <= 1.1
		},
		...webTargets(r.web)
	];
	for (const p of r.pages) {
		const limit = FAST_PAGES.includes(p.page.split(' ')[0]) ? 50 : 100;
		targets.push({
			target: `${p.role} ${p.page} p95 < ${limit} ms`,
			measured: ms(p.p95),
			met: p.p95 < limit
		});
	}
	const js = r.weight.js.gzipBytes;
	targets.push({ target: 'JavaScript for / < 120 kB gzip', measured: kb(js), met: js < 120_000 });
	return targets;
}

function table(header: string[], rows: string[][]): string {
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * Other work on the machine: more runnable processes than cores at the start or right before a
 * timed part. Not at the end: the bench's own import raises the 1-minute average for a while.
 */
function busy(m: BenchResults['machine']): boolean {
	return Math.max(m.load[0], ...Object.values(m.loadBefore)) > m.cores;
}

/** The README section's body: machine, data, ingest, pages, engine, weight and the targets. */
export function markdown(r: BenchResults): string {
	const { machine: m, data: d, ingest: i } = r;
	const run = (name: string, x: IngestResults['canonical']) => [
		name,
		`${(x.ms / 1000).toFixed(2)} s${x.runsMs.length > 1 ? ` (${(Math.min(...x.runsMs) / 1000).toFixed(2)}–${(Math.max(...x.runsMs) / 1000).toFixed(2)})` : ''}`,
		Math.round(x.rowsPerSecond).toLocaleString('en'),
		x.peakRss === null ? '–' : `${(x.peakRss / MB).toFixed(0)} MB`
	];
	return [
		`Measured on ${r.date} with \`npm run bench\` (scale \`${r.scale}\`): ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB memory, Node ${m.node}, sqlite3 ${m.sqlite}; 1-minute load average ${m.load[0].toFixed(1)} at the start, ${[m.loadBefore.ingest, m.loadBefore.pages, m.loadBefore.web].map((l) => l.toFixed(1)).join(' / ')} before the ingest, page and web parts, ${m.load[1].toFixed(1)} at the end.${busy(m) ? ` **The machine was under load from other work (more runnable processes than cores): every timing below is disturbed, those of the server most.**` : ''}`,
		`Data: ${d.jobcenters} jobcenters × ${d.channels} channels × ${d.months} months = ${d.rows.toLocaleString('en')} rows (${(d.canonicalBytes / MB).toFixed(1)} MB canonical CSV).`,
		'',
		table(
			['ingest, same file', 'wall time', 'rows/s', 'peak RSS'],
			[
				run('(a) `npm run import`, canonical', i.canonical),
				run('(b) `npm run import`, German Excel', i.german),
				run('(c) `sqlite3` `.import --csv`', i.sqlite),
				run('(d) `sqlite3`, into our schema', i.sqliteSchema)
			]
		),
		'',
		`(a)/(c) = ${times(i.canonicalVsSqlite)}, (a)/(d) = ${times(i.canonicalVsSchema)}, (b)/(a) = ${times(i.germanVsCanonical)}. Wall time is the median of ${i.canonical.runsMs.length} runs, taken round by round ((a) to (d), the next round from (b) on, and so on), their range in brackets; it includes starting npm and tsx; peak RSS is the highest of them. (c) loads the file into a plain table without keys; (d) is SQLite's own floor for Benchlearn's tables: \`.import\` into a scratch table, then \`insert … select\` into \`monthly_metric\` (primary key, two month-first indexes, checks, foreign keys), each row naming its upload, without any validation.`,
		'',
		stageSection(r.stages),
		'',
		table(
			['role', 'page', 'p50', 'p95', 'max', 'load only p50 / p95'],
			r.pages.map((p) => [
				p.role,
				`\`${p.path}\``,
				ms(p.p50),
				ms(p.p95),
				ms(p.max),
				`${ms(p.load.p50)} / ${ms(p.load.p95)}`
			])
		),
		'',
		`${r.pages[0]?.n ?? 0} requests per page and role after a warm-up, one at a time over loopback; “load only” is the page's \`__data.json\` (${r.pages[0]?.load.n ?? 0} requests): the load functions without server rendering. “Runde” is \`/?runde=ID\` (and \`&jc=…\` for the analyst): a round of the jobcenter’s ring over 12 months.`,
		`In-process \`compare()\` of the same overview (${r.engine.members} members, 12 months): p50 ${ms(r.engine.cold.p50)} reading SQLite, ${ms(r.engine.warm.p50)} from the source's cache.`,
		'',
		webSection(r.web),
		'',
		`Client weight of \`/\`: JavaScript ${kb(r.weight.js.gzipBytes)} gzip in ${r.weight.js.files} files, CSS ${kb(r.weight.css.gzipBytes)} gzip in ${r.weight.css.files} files.`,
		'',
		table(
			['target', 'measured', 'met'],
			checkTargets(r).map((t) => [t.target, t.measured, t.met ? 'yes' : '**no**'])
		)
	].join('\n');
}

function webSection(web: WebLoad): string {
	const sec = (n: number) => `${(n / 1000).toFixed(1)} s`;
	const row = (name: string, p: LoadPhase) => [
		name,
		sec(p.ms),
		`${ms(p.poll.p50)} / ${ms(p.poll.p95)} / ${ms(p.poll.max)}`,
		`${p.poll.n + p.pollsFailed} (${p.pollsFailed} failed)`,
		`${ms(p.eventLoop.p99)} / ${ms(p.eventLoop.max)}`
	];
	const logins = [...web.logins].sort((a, b) => a - b);
	const loginList = logins.length
		? `answered in ${ms(logins[0])} to ${ms(logins[logins.length - 1])} (median ${ms(logins[Math.floor(logins.length / 2)])})`
		: 'none answered';
	return [
		table(
			[
				`web upload, ${web.rows.toLocaleString('en')} rows`,
				"analyst's wait",
				'jobcenter `/` p50 / p95 / max',
				'polls',
				'event loop p99 / max'
			],
			[row('preview (check)', web.preview), row('commit', web.commit)]
		),
		'',
		`The analyst posts the canonical file to \`/hochladen\` and follows the status page, then commits it, into a database holding only the register; meanwhile a jobcenter user asks for \`/\` every ${100} ms. During the commit ${web.logins.length + web.loginsFailed} sign-ins, spread over its course, ${loginList}; ${web.loginsFailed} failed. A colleague's small upload (preview and commit of one month of its own figures) started during the commit ${web.secondUpload.succeeded ? `was done after ${sec(web.secondUpload.ms)}` : '**failed**'}. The event loop is the server's own \`monitorEventLoopDelay\` (10 ms timer): its max is the longest gap between two ticks, an upper bound of the longest stall.`
	].join('\n');
}

/** The pipeline's stages, by their names in `ingest.ts`, for both files; then the parsers compared. */
function stageSection(s: ImportStages): string {
	const sec = (n: number) => (n < 100 ? ms(n) : `${(n / 1000).toFixed(2)} s`);
	const stages: [string, keyof FileStages][] = [
		['parse alone (`readRecords`: decode and Papa Parse)', 'parse'],
		['validate alone (parse and check every cell, one thread)', 'validate'],
		['import: read (sniff: hash, size, encoding)', 'read'],
		['import: detect dialect (delimiter, wide header)', 'dialect'],
		['import: validate in its own thread ‖ stage (compare, into the scratch table)', 'staged'],
		['import: decide number style', 'numberStyle'],
		['import: write (apply in one transaction: the write lock)', 'write'],
		['import, in-process, in all', 'total']
	];
	const parsers = Object.entries(s.parsers).map(
		([name, t]) => `${name} ${sec(t.wall)} (CPU ${sec(t.cpu)})`
	);
	return [
		table(
			['stage, in-process', 'canonical', 'German Excel'],
			stages.map(([name, key]) => [name, sec(s.canonical[key]), sec(s.german[key])])
		),
		'',
		`CSV parsers alone on the canonical file's decoded text: ${parsers.join('; ')}.`
	].join('\n');
}

export const SECTION_START = '<!-- bench:start -->';
export const SECTION_END = '<!-- bench:end -->';

/** Replaces what lies between the markers, or appends a "Leistung" section with them. */
export function replaceSection(readme: string, body: string): string {
	const start = readme.indexOf(SECTION_START);
	const end = readme.indexOf(SECTION_END);
	if (start === -1 || end < start) {
		return `${readme.trimEnd()}\n\n## Leistung\n\n${SECTION_START}\n${body}\n${SECTION_END}\n`;
	}
	return `${readme.slice(0, start + SECTION_START.length)}\n${body}\n${readme.slice(end)}`;
}
