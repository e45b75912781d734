import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './testing';
import { migrateToLatest, openDatabase } from '$lib/server/db';
import { addJobcenter } from '$lib/server/db/testing';

const database = join(mkdtempSync(join(tmpdir(), 'benchlearn-kpi-cli-')), 'kpi.db');

/** Runs `npx tsx src/cli/kpi.ts` as `npm run -s kpi` would, with the clock and MIN_PEERS pinned. */
const kpi = (...args: string[]) =>
	runCli('kpi', args, database, { BENCHLEARN_TODAY: '2026-11-15', MIN_PEERS: '5' });

// Ring R: posts in September and October per member; 10003 misses October, 10006 reports nothing,
// and only three members report staff hours. 10007 has no ring.
const POSTS: [string, number | null, number | null][] = [
	['10001', 10, 20],
	['10002', 20, 20],
	['10003', 30, null],
	['10004', 40, 40],
	['10005', 50, 50]
];
// Answer times in hours, September and October: period medians 1.5, 4, 6, 12 and 24.
const ANSWER_HOURS: [number, number | null][] = [
	[1, 2],
	[3, 5],
	[6, null],
	[10, 14],
	[20, 28]
];
let roundId: number;

beforeAll(async () => {
	const db = openDatabase(database);
	await migrateToLatest(db);
	const ids = new Map<string, number>();
	for (const code of ['10001', '10002', '10003', '10004', '10005', '10006']) {
		ids.set(code, await addJobcenter(db, code, 'Ring R'));
	}
	await addJobcenter(db, '10007', null);
	const rows = POSTS.flatMap(([code, september, october], i) =>
		[
			['2026-09', september, ANSWER_HOURS[i][0]],
			['2026-10', october, ANSWER_HOURS[i][1]]
		].map(([month, posts, response_hours]) => ({
			...{ jobcenter_id: ids.get(code)!, channel_id: 'facebook', month: month as string },
			...{ posts: posts as number | null, staff_hours: i < 3 ? 8 : null },
			response_hours: response_hours as number | null
		}))
	);
	await db.insertInto('monthly_metric').values(rows).execute();
	const round = await db
		.insertInto('round')
		.values({ name: 'Oktober', from_month: '2026-10', to_month: '2026-10', created_by: 'spec' })
		.returning('id')
		.executeTakeFirstOrThrow();
	roundId = round.id;
	await db
		.insertInto('round_member')
		.values(POSTS.map(([code]) => ({ round_id: roundId, jobcenter_id: ids.get(code)! })))
		.execute();
	await db.destroy();
});

const byId = (json: { kpis: { id: string }[] }, id: string) => json.kpis.find((k) => k.id === id);

describe('npm run kpi', { timeout: 60_000 }, () => {
	it('prints the comparison as JSON with hand-computed figures over the default period and ring', async () => {
		const { code, stdout, stderr } = await kpi('--jobcenter', '10001', '--json');
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const json = JSON.parse(stdout);
		expect(Object.keys(json)).toEqual(['jobcenter', 'period', 'peers', 'kpis']);
		expect(json.jobcenter).toBe('10001');
		// The ring's newest data is October, so the 12 months end there.
		expect(json.period).toEqual({ from: '2025-11', to: '2026-10' });
		expect(json.peers).toEqual({ group: 'ring', members: 6 });
		expect(json.kpis).toHaveLength(18);
		// Every KPI, the Antwortzeit included, has the same fields in the same order.
		const contract = 'id area unit value peer suppressed percentile quartile'.split(' ');
		for (const k of json.kpis) expect(Object.keys(k)).toEqual(contract);
		// Monthly averages 15, 20, 30 (one month only), 40, 50; 10006 has no data and is left out.
		expect(byId(json, 'posts')).toEqual({
			...{ id: 'posts', area: 'effort', unit: 'count', value: 15 },
			peer: { n: 5, median: 30, p25: 20, p75: 40, min: 15, max: 50, mean: 31 },
			...{ suppressed: false, percentile: 10, quartile: 1 }
		});
		// The fastest of five: 1.5 h against 1.5, 4, 6, 12, 24 (mean 47.5 / 5).
		expect(byId(json, 'response_hours')).toEqual({
			...{ id: 'response_hours', area: 'resonance', unit: 'duration_hours', value: 1.5 },
			peer: { n: 5, median: 6, p25: 4, p75: 12, min: 1.5, max: 24, mean: 9.5 },
			...{ suppressed: false, percentile: 10, quartile: 1 }
		});
		// Three members with hours are fewer than MIN_PEERS = 5.
		expect(byId(json, 'staff_hours')).toMatchObject({
			...{ value: 8, peer: null, suppressed: true, percentile: null, quartile: null }
		});
		expect(byId(json, 'impressions')).toMatchObject({
			value: null,
			percentile: null,
			quartile: null
		});
	});

	it('takes period and group from a round', async () => {
		const { code, stdout } = await kpi(
			'--jobcenter',
			'10001',
			'--round',
			String(roundId),
			'--json'
		);
		expect(code).toBe(0);
		const json = JSON.parse(stdout);
		expect(json.period).toEqual({ from: '2026-10', to: '2026-10' });
		expect(json.peers).toEqual({ group: `round:${roundId}`, members: 5 });
		// In October only four members posted: n = MIN_PEERS − 1 is suppressed.
		expect(byId(json, 'posts')).toMatchObject({ value: 20, suppressed: true, peer: null });
		// In October only four members noted an answer time (10003 did not).
		expect(byId(json, 'response_hours')).toMatchObject({
			...{ value: 2, suppressed: true, peer: null, percentile: null, quartile: null }
		});
	});

	it('honours an explicit period, group and channel', async () => {
		const args = [
			'--from',
			'2026-09',
			'--to',
			'2026-09',
			'--peers',
			'all',
			'--channel',
			'facebook'
		];
		const { code, stdout } = await kpi('--jobcenter', '10005', ...args, '--json');
		expect(code).toBe(0);
		const json = JSON.parse(stdout);
		expect(json.peers).toEqual({ group: 'all', members: 7 });
		expect(byId(json, 'posts')).toMatchObject({
			value: 50,
			peer: { n: 5, median: 30, p25: 20, p75: 40, min: 10, max: 50, mean: 30 },
			percentile: 90,
			quartile: 4
		});
	});

	it('prints a German table without --json', async () => {
		const { code, stdout } = await kpi('--jobcenter', '10001');
		expect(code).toBe(0);
		expect(stdout).toContain('Zeitraum: Nov. 2025 bis Okt. 2026');
		expect(stdout).toContain('Vergleichsgruppe: ring (6 Jobcenter)');
		expect(stdout).toMatch(/Beiträge\s+15\s+Anzahl\s+5\s+20\s+30\s+40\s+15\s+50\s+10\s+1/);
		expect(stdout).toMatch(/Personalstunden\s+8,0\s+Std\.\s+3\s.*zu wenige Vergleichswerte/);
		expect(stdout).toMatch(
			/Antwortzeit\s+1,5 Std\.\s+Std\.\s+5\s+4,0 Std\.\s+6,0 Std\.\s+12,0 Std\./
		);
	});

	it.each([
		[['--jobcenter', '99999'], 'Das Jobcenter „99999“ gibt es nicht.'],
		[['--jobcenter', '10001', '--round', '77'], 'Die Runde „77“ gibt es nicht'],
		[['--jobcenter', '10001', '--peers', 'round:77'], 'Die Runde „77“ gibt es nicht'],
		[
			['--jobcenter', '10006', '--peers', 'round:1'],
			'Das Jobcenter 10006 nimmt an der Runde 1 nicht teil.'
		],
		[
			['--jobcenter', '10001', '--channel', 'facebook,myspace'],
			'Den Kanal „myspace“ gibt es nicht'
		],
		[
			['--jobcenter', '10001', '--peers', 'nachbarn'],
			'Die Vergleichsgruppe „nachbarn“ gibt es nicht'
		],
		[
			['--jobcenter', '10007', '--peers', 'ring'],
			'Das Jobcenter 10007 gehört zu keinem Vergleichsring'
		],
		[['--jobcenter', '10001', '--from', '2026-09'], 'Bitte geben Sie --from und --to zusammen an.'],
		[
			['--jobcenter', '10007', '--peers', 'ring', '--lang', 'en'],
			'Jobcenter 10007 belongs to no ring; choose another peer group with --peers.'
		],
		[
			['--jobcenter', '10001', '--lang', 'fr'],
			'--lang must be de or en, not "fr". Usage: npm run kpi'
		]
	])('exits with 2 and one sentence for %j', async (args, message) => {
		const { code, stdout, stderr } = await kpi(...args);
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toContain(message);
		expect(stderr.trim().split('\n')).toHaveLength(1);
	});
});
