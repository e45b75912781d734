/** The benchmark's deterministic data set: a national register and every jobcenter × channel × month, as CSV files. */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNELS } from '$lib/channels';
import { addMonths, monthRange, type Month } from '$lib/months';
import { METRICS, STATES, type State } from '$lib/server/db/schema';
import {
	answerRandom,
	answerSpeeds,
	assignTraits,
	fillAnswerTimes,
	monthFigures,
	profile,
	season,
	withGaps
} from '$lib/server/demo/generate';
import {
	DEMO_JOBCENTER_CODE,
	DEMO_JOBCENTERS,
	type DemoJobcenter
} from '$lib/server/demo/jobcenters';
import { createRandom } from '$lib/server/demo/random';
import { METRICS_COLUMNS } from '$lib/server/ingest/aliases';
import { csvLine, METRICS_HEADER, REGISTER_HEADER } from '$lib/server/ingest/export';

export interface Scale {
	jobcenters: number;
	months: number;
	/** The newest month; fixed, so that the files never depend on the day the benchmark runs. */
	until: Month;
}

/** About 405 jobcenters in Germany, ten years of history. */
export const SCALES = {
	national: { jobcenters: 405, months: 120, until: '2026-10' },
	small: { jobcenters: 16, months: 24, until: '2026-10' }
} satisfies Record<string, Scale>;

export type ScaleName = keyof typeof SCALES;

const SEED = 405_120;
const SYNTHETIC_RINGS = 20;

/** Every jobcenter reports every channel in every month. */
export function rowCount(scale: Scale): number {
	return scale.jobcenters * CHANNELS.length * scale.months;
}

// Kreisschlüssel begin with the Land's number; 01 = SH … 16 = TH.
const STATE_PREFIX: Record<State, string> = {
	SH: '01',
	HH: '02',
	NI: '03',
	HB: '04',
	NW: '05',
	HE: '06',
	RP: '07',
	BW: '08',
	BY: '09',
	SL: '10',
	BE: '11',
	BB: '12',
	MV: '13',
	SN: '14',
	ST: '15',
	TH: '16'
};

/**
 * The demo jobcenters plus invented ones up to `count` (codes `LL9NN`, which no demo code uses),
 * sorted by code. A smaller count keeps the demo account's ring whole, so that its peers exist.
 */
export function benchJobcenters(count: number): DemoJobcenter[] {
	const random = createRandom(SEED);
	const all: DemoJobcenter[] = [...DEMO_JOBCENTERS];
	for (let i = 0; all.length < Math.max(count, DEMO_JOBCENTERS.length); i++) {
		const state = STATES[i % STATES.length];
		const number = String(Math.floor(i / STATES.length)).padStart(2, '0');
		all.push({
			code: `${STATE_PREFIX[state]}9${number}`,
			name: `Jobcenter Musterkreis ${i + 1}`,
			state,
			carrier: random.chance(0.25) ? 'zkT' : 'gE',
			elb: Math.round((3_000 * Math.exp(random.uniform(0, Math.log(20)))) / 100) * 100,
			ring: i % 10 === 9 ? null : `Vergleichsring ${(i % SYNTHETIC_RINGS) + 1}`
		});
	}
	const demoRing = DEMO_JOBCENTERS.find((jc) => jc.code === DEMO_JOBCENTER_CODE)?.ring;
	const ringFirst = [
		...all.filter((jc) => jc.ring === demoRing),
		...all.filter((jc) => jc.ring !== demoRing)
	];
	return ringFirst.slice(0, count).sort((a, b) => (a.code < b.code ? -1 : 1));
}

export type BenchRow = { code: string; channel: string; month: Month } & Record<
	(typeof METRICS)[number],
	number | null
>;

/** The rows of one jobcenter, channel by channel and month by month, from the demo's figure model. */
export function* benchRows(scale: Scale): Generator<BenchRow[]> {
	const random = createRandom(SEED);
	const jobcenters = benchJobcenters(scale.jobcenters);
	const traits = assignTraits(random, jobcenters);
	const answers = answerRandom(SEED);
	const speeds = answerSpeeds(answers, jobcenters, traits);
	const months = monthRange(addMonths(scale.until, 1 - scale.months), scale.until);
	for (const [i, jc] of jobcenters.entries()) {
		const rows: BenchRow[] = [];
		for (const { id } of CHANNELS) {
			const p = profile(id);
			let followers = jc.elb * p.followersPerElb * random.factor(0.5) * Math.sqrt(traits[i].effort);
			for (const month of months) {
				followers *= 1 + p.growth + random.normal(0, 0.004);
				const figures = monthFigures(random, p, traits[i], jc.elb, followers, season(month));
				rows.push({ code: jc.code, channel: id, month, ...withGaps(random, figures, traits[i]) });
			}
		}
		yield fillAnswerTimes(answers, rows, speeds[i]);
	}
}

export interface DataFiles {
	register: string;
	canonical: string;
	german: string;
	rows: number;
}

const GERMAN_HEADER = METRICS_HEADER.map(
	(field) => METRICS_COLUMNS[field as keyof typeof METRICS_COLUMNS][0]
);

/** Excel's German CSV: semicolons, decimal commas, CRLF, channel display names. */
export function germanLine(row: BenchRow): string {
	const name = CHANNELS.find((c) => c.id === row.channel)?.name ?? row.channel;
	const cells = [row.code, row.month, name, ...METRICS.map((m) => row[m])];
	return cells.map((cell) => (cell === null ? '' : String(cell).replace('.', ','))).join(';');
}

export function canonicalLine(row: BenchRow): string {
	return csvLine([row.code, row.month, row.channel, ...METRICS.map((m) => row[m])]);
}

/** Writes the register, the canonical metrics file and its German-Excel twin into `dir`. */
export function writeDataFiles(dir: string, scale: Scale): DataFiles {
	const files = {
		register: join(dir, 'register.csv'),
		canonical: join(dir, 'metrics.csv'),
		german: join(dir, 'metrics-excel-de.csv')
	};
	const register = [csvLine(REGISTER_HEADER)];
	for (const jc of benchJobcenters(scale.jobcenters)) {
		register.push(csvLine([jc.code, jc.name, jc.state, jc.carrier, jc.elb, jc.ring]));
	}
	writeFileSync(files.register, register.join('\n') + '\n');

	const canonical = openSync(files.canonical, 'w');
	const german = openSync(files.german, 'w');
	writeSync(canonical, csvLine(METRICS_HEADER) + '\n');
	writeSync(german, '\uFEFF' + GERMAN_HEADER.join(';') + '\r\n');
	let rows = 0;
	for (const batch of benchRows(scale)) {
		writeSync(canonical, batch.map((r) => canonicalLine(r) + '\n').join(''));
		writeSync(german, batch.map((r) => germanLine(r) + '\r\n').join(''));
		rows += batch.length;
	}
	closeSync(canonical);
	closeSync(german);
	return { ...files, rows };
}
