/**
 * `npm run bench -- [--scale national|small] [--json] [--build DIR] [--keep]`: ingest, page latency
 * and client weight on a generated data set; the national run also writes README.md's "Leistung".
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHANNELS } from '$lib/channels';
import { addMonths } from '$lib/months';
import { DEMO_JOBCENTER_CODE } from '$lib/server/demo/jobcenters';
import { benchJobcenters, SCALES, writeDataFiles, type ScaleName } from '../bench/dataset';
import { benchIngest } from '../bench/ingest';
import { importStages } from '../bench/stages';
import { benchEngine } from '../bench/engine';
import { benchWebLoad } from '../bench/load';
import { benchPages, type PageSetup } from '../bench/pages';
import { runCommand, succeeded } from '../bench/process';
import { checkTargets, markdown, replaceSection, type BenchResults } from '../bench/report';
import { clientWeight } from '../bench/weight';
import { exit, run, say as sayLine } from './common';

const USAGE = 'Usage: npm run bench -- [--scale national|small] [--json] [--build DIR] [--keep]';
const REQUESTS: Record<ScaleName, number> = { national: 200, small: 20 };
const WARMUP: Record<ScaleName, number> = { national: 10, small: 3 };
// The benchmark's own build, so that it never races the `build/` of tests running beside it.
const BUILD = { SVELTEKIT_OUT: '.svelte-kit-bench', BUILD_DIR: 'build-bench' };

const started = performance.now();
const say = (message: string) =>
	sayLine(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${message}`);

function readOptions() {
	try {
		const { values } = parseArgs({
			options: {
				scale: { type: 'string', default: 'national' },
				json: { type: 'boolean', default: false },
				build: { type: 'string' },
				keep: { type: 'boolean', default: false }
			}
		});
		if (!(values.scale in SCALES)) exit(`--scale must be national or small. ${USAGE}`);
		return { ...values, scale: values.scale as ScaleName };
	} catch (e) {
		exit(`${(e as Error).message}. ${USAGE}`);
	}
}

async function sqliteVersion(): Promise<string> {
	try {
		const result = await runCommand('sqlite3', ['--version']);
		return result.stdout.split(' ')[0];
	} catch {
		exit('The sqlite3 shell is missing: apt-get install -y sqlite3', 1);
	}
}

/** Every number of the results, so that a run that lost a figure fails instead of printing NaN. */
function missingFigures(value: unknown, path = 'results'): string[] {
	if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, v]) => missingFigures(v, `${path}.${key}`));
}

run(async () => {
	const options = readOptions();
	const scale = SCALES[options.scale];
	const sqlite = await sqliteVersion();
	const loadAtStart = loadavg()[0];
	const dir = mkdtempSync(join(tmpdir(), 'benchlearn-bench-'));
	// The data end with `until`; pinning today right after it keeps every month in the past.
	const env = { BENCHLEARN_TODAY: `${addMonths(scale.until, 1)}-15` };
	process.env.BENCHLEARN_TODAY = env.BENCHLEARN_TODAY;
	try {
		// Built first, so that the build and the CLIs that migrate the databases run the same sources.
		let buildDir = options.build;
		if (!buildDir) {
			say(`Building into ${BUILD.BUILD_DIR}/ …`);
			succeeded('npm run build', await runCommand('npm', ['run', '-s', 'build'], { env: BUILD }));
			buildDir = BUILD.BUILD_DIR;
		}
		say(`Data set (${options.scale}) in ${dir} …`);
		const files = writeDataFiles(dir, scale);
		// The load before each timed part: the bench's own import raises it for a while after.
		const loadBefore: Record<string, number> = {};
		loadBefore.ingest = loadavg()[0];
		say(`Ingest of ${files.rows} rows: npm run import (canonical, German), sqlite3 .import …`);
		const ingest = await benchIngest(dir, files, env);
		say('Import stages in-process …');
		const stages = await importStages(files, dir);

		const self = benchJobcenters(scale.jobcenters).find((jc) => jc.code === DEMO_JOBCENTER_CODE);
		const setup: PageSetup = {
			buildDir,
			database: join(dir, 'canonical.db'),
			env,
			code: DEMO_JOBCENTER_CODE,
			ring: self?.ring ?? '',
			until: scale.until,
			requests: REQUESTS[options.scale]
		};
		loadBefore.pages = loadavg()[0];
		say(`Pages: ${setup.requests} requests each per role …`);
		const pages = await benchPages(setup, WARMUP[options.scale], say);
		say('In-process compare() …');
		const engine = await benchEngine(setup, setup.code);
		loadBefore.web = loadavg()[0];
		say('Web preview and commit while a jobcenter user polls /, with logins and a second upload …');
		const web = await benchWebLoad(buildDir, dir, files, scale, setup.code, env);

		const results: BenchResults = {
			scale: options.scale,
			date: new Date().toISOString().slice(0, 10),
			machine: {
				cores: cpus().length,
				cpu: cpus()[0]?.model.trim() ?? 'unknown',
				memoryGb: Math.round(totalmem() / 1024 ** 3),
				node: process.version,
				sqlite,
				// Other work on the machine skews every timing; the 1-minute load average says how much.
				load: [loadAtStart, loadavg()[0]],
				loadBefore: { ingest: loadBefore.ingest, pages: loadBefore.pages, web: loadBefore.web }
			},
			data: {
				jobcenters: scale.jobcenters,
				channels: CHANNELS.length,
				months: scale.months,
				rows: files.rows,
				canonicalBytes: statSync(files.canonical).size
			},
			ingest,
			stages,
			pages: pages.timings,
			engine,
			web,
			weight: clientWeight(pages.home, join(buildDir, 'client'))
		};
		const missing = missingFigures(results);
		if (missing.length) throw new Error(`The benchmark lost figures: ${missing.join(', ')}.`);
		const table = markdown(results);
		if (options.scale === 'national') {
			writeFileSync('README.md', replaceSection(readFileSync('README.md', 'utf8'), table));
			say('README.md: section "Leistung" updated.');
		}
		process.stdout.write(
			options.json
				? JSON.stringify({ ...results, targets: checkTargets(results) }, null, 2) + '\n'
				: table + '\n'
		);
	} finally {
		if (options.keep) say(`Kept ${dir}.`);
		else rmSync(dir, { recursive: true, force: true });
	}
});
