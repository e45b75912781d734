/** The benchmark's results: the targets of issue 7, a Markdown table for the README, and its section. */
import type { IngestResults } from './ingest';
import type { EngineTiming } from './engine';
import type { PageTiming } from './pages';
import type { ImportStages } from './stages';
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
		load: number[];
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
	/** false: `/` does not read `?round=` yet, so the round was timed as its members' ring. */
	roundQuery: boolean;
	engine: EngineTiming;
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

/** Each target of the issue with what was measured; an analyst's `/` is both the register and, with `jc`, the overview. */
export function checkTargets(r: BenchResults): Target[] {
	const { canonical, canonicalVsSqlite, germanVsCanonical } = r.ingest;
	const rss = (canonical.peakRss ?? 0) / MB;
	const targets: Target[] = [
		{
			target: 'Import ≤ 3× sqlite3 .import',
			measured: times(canonicalVsSqlite),
			met: canonicalVsSqlite <= 3
		},
		{ target: 'Import peak RSS < 300 MB', measured: `${rss.toFixed(0)} MB`, met: rss < 300 },
		{
			target: 'German file ≤ 1.2× canonical',
			measured: times(germanVsCanonical),
			met: germanVsCanonical <= 1.2
		}
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

/** The README section's body: machine, data, ingest, pages, engine, weight and the targets. */
export function markdown(r: BenchResults): string {
	const { machine: m, data: d, ingest: i } = r;
	const run = (name: string, x: IngestResults['canonical']) => [
		name,
		`${(x.ms / 1000).toFixed(2)} s`,
		Math.round(x.rowsPerSecond).toLocaleString('en'),
		x.peakRss === null ? '–' : `${(x.peakRss / MB).toFixed(0)} MB`
	];
	const round = r.roundQuery
		? '“Runde” is `/?round=ID&jc=…`.'
		: '“Runde” is `/?jc=…&peers=ring&from=…&to=…`: `/` does not read `?round=` yet, so the round is timed as its members’ ring over its 12 months.';
	return [
		`Measured on ${r.date} with \`npm run bench\` (scale \`${r.scale}\`): ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB memory, Node ${m.node}, sqlite3 ${m.sqlite}; 1-minute load average ${m.load.map((l) => l.toFixed(1)).join(' at the start, ')} at the end.`,
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
		`(a)/(c) = ${times(i.canonicalVsSqlite)}, (a)/(d) = ${times(i.canonicalVsSchema)}, (b)/(a) = ${times(i.germanVsCanonical)}. Wall time includes starting npm and tsx. (c) loads the file into a plain table without keys; (d) is SQLite's own floor for Benchlearn's tables: \`.import\` into a scratch table, then \`insert … select\` into \`monthly_metric\` (primary key, two month-first indexes, checks, foreign keys), each row naming its upload, without any validation.`,
		'',
		`Stages of (a), in-process on the same file: ${stageList(r.stages)}.`,
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
		`${r.pages[0]?.n ?? 0} requests per page and role after a warm-up, one at a time over loopback; “load only” is the page's \`__data.json\` (${r.pages[0]?.load.n ?? 0} requests): the load functions without server rendering. ${round}`,
		`In-process \`compare()\` of the same overview (${r.engine.members} members, 12 months): p50 ${ms(r.engine.cold.p50)} reading SQLite, ${ms(r.engine.warm.p50)} from the source's cache.`,
		'',
		`Client weight of \`/\`: JavaScript ${kb(r.weight.js.gzipBytes)} gzip in ${r.weight.js.files} files, CSS ${kb(r.weight.css.gzipBytes)} gzip in ${r.weight.css.files} files.`,
		'',
		table(
			['target', 'measured', 'met'],
			checkTargets(r).map((t) => [t.target, t.measured, t.met ? 'yes' : '**no**'])
		)
	].join('\n');
}

function stageList(s: ImportStages): string {
	const sec = (n: number) => `${(n / 1000).toFixed(2)} s`;
	const options = Object.entries(s.parseOptions)
		.map(([name, ms]) => `${name} ${sec(ms)}`)
		.join(', ');
	return [
		`read (sniff: hash) ${sec(s.sniff)}`,
		`parse (csv-parse alone) ${sec(s.parse)}`,
		`validate (parse + check) ${sec(s.validate)}`,
		`decide number style ${sec(s.decide)}`,
		`write (one transaction, images of changed rows) ${sec(s.write)}`,
		`csv-parse options: ${options}`
	].join('; ');
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
