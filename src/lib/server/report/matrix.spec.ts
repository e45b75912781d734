import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type DB } from '$lib/server/db';
import { bufferSource } from '$lib/server/ingest/dialect';
import { importFile } from '$lib/server/ingest/ingest';
import { KPIS, type KpiId } from '$lib/server/kpi/catalogue';
import { tableSource } from '$lib/server/kpi/source';
import { closeRound } from '$lib/server/lifecycle';
import { createRound } from '$lib/server/rounds';
import { decimalsOf } from '$lib/kpi-format';
import { roundChanges, type RoundChanges } from './change';
import { roundContext } from './context';
import { buildMatrix, roundMatrix, sortRows, type Matrix, type MatrixRow } from './matrix';

/**
 * The fixture: seven jobcenters of a German Excel register, six of them in „Vergleichsring Matrix“,
 * and their September and October 2026 as the same kind of file, with one more jobcenter outside the
 * ring whose figures must count nowhere. The round is the ring over those two months.
 */
const database = join(mkdtempSync(join(tmpdir(), 'benchlearn-matrix-')), 'matrix.db');
const SETTINGS = { minPeers: 5, fteHoursPerMonth: 169 };
const ENV = { BENCHLEARN_TODAY: '2026-11-15', MIN_PEERS: '5' };
const CODES = ['10001', '10002', '10003', '10004', '10005', '10006'];

let db: DB;
let roundId: number;
let named: Matrix;

async function load(file: string) {
	const result = await importFile(db, bufferSource(readFileSync(`tests/fixtures/matrix/${file}`)), {
		...{ fileName: file, userId: null, env: ENV },
		scope: { jobcenterId: null, mayImportRegister: true }
	});
	expect(result.errors).toEqual([]);
}

const NAME_ORDER = { by: null, direction: 'ascending' } as const;

async function matrix(version: 'named' | 'handout', sort: Matrix['sort'] = NAME_ORDER) {
	const context = await roundContext(db, tableSource(db, SETTINGS), roundId);
	return roundMatrix(context!, { version, role: 'analyst', sort });
}

const column = (m: Matrix, id: KpiId) => m.columns.findIndex((c) => c.id === id);
const cellsOf = (m: Matrix, id: KpiId) =>
	Object.fromEntries(m.rows.map((r) => [r.code ?? r.label, r.cells[column(m, id)]]));

beforeAll(async () => {
	db = openDatabase(database);
	await migrateToLatest(db);
	await load('register.csv');
	await load('metrics.csv');
	const created = await createRound(
		db,
		{ name: 'Herbstrunde 2026', from: '2026-09', to: '2026-10', ring: 'Vergleichsring Matrix' },
		'spec'
	);
	if (!created.ok) throw new Error(JSON.stringify(created.problems));
	roundId = created.id;
	named = await matrix('named');
});

afterAll(async () => {
	await db.destroy();
});

/** `npm run -s kpi -- … --json` on the fixture's database, with the clock and MIN_PEERS pinned. */
function kpiCli(...args: string[]): Promise<{ code: number | null; stdout: string }> {
	const child = spawn('npx', ['tsx', 'src/cli/kpi.ts', ...args], {
		env: { ...process.env, ...ENV, DATABASE_PATH: database }
	});
	let stdout = '';
	child.stdout.on('data', (d) => (stdout += d));
	return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout })));
}

describe('the round matrix of a small round', { timeout: 120_000 }, () => {
	it('has the six participants, never the jobcenter outside the ring, and every KPI', () => {
		expect(named.rows.map((r) => r.code)).toEqual(CODES);
		expect(named.rows[0].label).toBe('Jobcenter Altstadt');
		expect(named.columns.map((c) => c.id)).toEqual(KPIS.map((k) => k.id));
		expect(named.withheld).toEqual([]);
	});

	it('gives the hand-computed quartiles of the engagement rate: 2, 4, 6, 8, 10, 12 %', () => {
		// R-7 over six values: p25 = 4.5, median = 7, p75 = 9.5.
		const rate = named.columns[column(named, 'engagement_rate_pct')];
		expect(rate).toMatchObject({ n: 6, suppressed: false, median: 7 });
		const cells = cellsOf(named, 'engagement_rate_pct');
		expect(CODES.map((c) => cells[c].value)).toEqual([2, 4, 6, 8, 10, 12]);
		expect(CODES.map((c) => cells[c].quartile)).toEqual([1, 1, 2, 3, 4, 4]);
	});

	it('gives the hand-computed quartiles of followers per 1,000 eLb, with a gap and values on the quartiles', () => {
		// 50, 100, 30, 150, 25 and none: p25 = 30, median = 50, p75 = 100, each a member's own value.
		const followers = named.columns[column(named, 'followers_per_1000_elb')];
		expect(followers).toMatchObject({ n: 5, suppressed: false, median: 50 });
		const cells = cellsOf(named, 'followers_per_1000_elb');
		expect(CODES.map((c) => cells[c].value)).toEqual([50, 100, 30, 150, 25, null]);
		expect(CODES.map((c) => cells[c].quartile)).toEqual([2, 3, 1, 4, 1, null]);
	});

	it('withholds the quartiles of the dialogue rate, which only three participants report', () => {
		expect(named.columns[column(named, 'dialog_rate_pct')]).toMatchObject({
			...{ n: 3, suppressed: true, median: null }
		});
		const cells = cellsOf(named, 'dialog_rate_pct');
		// Analysts still see each participant's own value, as on every analyst page.
		expect(CODES.map((c) => cells[c].value)).toEqual([
			null,
			(6 / 7) * 100,
			(12 / 14) * 100,
			50,
			null,
			null
		]);
		expect(CODES.map((c) => cells[c].quartile)).toEqual([null, null, null, null, null, null]);
	});

	it('agrees with npm run kpi in every value, quartile and group figure', async () => {
		for (const [row, code] of CODES.entries()) {
			const { code: exit, stdout } = await kpiCli(
				...['--jobcenter', code, '--round', String(roundId), '--json']
			);
			expect(exit, code).toBe(0);
			const cli = JSON.parse(stdout) as {
				peers: { members: number };
				kpis: {
					id: KpiId;
					value: number | null;
					quartile: number | null;
					suppressed: boolean;
					peer: { n: number; median: number } | null;
				}[];
			};
			expect(cli.peers.members).toBe(6);
			const own = named.rows.find((r) => r.code === code)!;
			expect(named.rows.indexOf(own)).toBe(row);
			for (const [i, k] of cli.kpis.entries()) {
				expect(named.columns[i].id).toBe(k.id);
				expect(own.cells[i], `${code} ${k.id}`).toEqual({
					value: k.value,
					quartile: k.quartile,
					change: null
				});
				expect(named.columns[i].suppressed, k.id).toBe(k.suppressed);
				expect(named.columns[i].median, k.id).toBe(k.peer?.median ?? null);
			}
		}
	});

	it('sorts by a KPI either way, rows without a value last', async () => {
		const pick = (m: Matrix) => m.rows.map((r) => r.code);
		const by = (direction: 'ascending' | 'descending') =>
			matrix('named', { by: 'followers_per_1000_elb', direction });
		expect(pick(await by('descending'))).toEqual([
			'10004',
			'10002',
			'10001',
			'10003',
			'10005',
			'10006'
		]);
		expect(pick(await by('ascending'))).toEqual([
			'10005',
			'10003',
			'10001',
			'10002',
			'10004',
			'10006'
		]);
		const rate = await matrix('named', { by: 'engagement_rate_pct', direction: 'descending' });
		expect(pick(rate)).toEqual([...CODES].reverse());
		expect(rate.sort).toEqual({ by: 'engagement_rate_pct', direction: 'descending' });
	});

	it('hands out pseudonyms only, no raw counts, and no values of a KPI with too few', async () => {
		const handout = await matrix('handout');
		expect(handout.rows.map((r) => r.code)).toEqual([null, null, null, null, null, null]);
		const labels = handout.rows.map((r) => r.label);
		expect(labels).toEqual([...labels].sort());
		for (const label of labels) expect(label).toMatch(/^Jobcenter [A-F]$/);
		const register = readFileSync('tests/fixtures/matrix/register.csv', 'utf8').split('\r\n');
		const names = register.slice(1, -1).flatMap((line) => line.split(';').slice(0, 2));
		expect(names).toHaveLength(14);
		for (const name of names) expect(JSON.stringify(handout)).not.toContain(name);
		expect(handout.withheld).toEqual(
			KPIS.filter((k) => ['count', 'hours', 'fte'].includes(k.unit)).map((k) => k.id)
		);
		expect(handout.columns.map((c) => c.id)).not.toContain('followers');
		const dialog = cellsOf(handout, 'dialog_rate_pct');
		expect(Object.values(dialog).map((c) => c.value)).toEqual([null, null, null, null, null, null]);
		// The same quartiles as in the named version, under the other labels.
		const rates = Object.values(cellsOf(handout, 'engagement_rate_pct'))
			.map((c) => `${c.value}:${c.quartile}`)
			.sort();
		expect(rates).toEqual(['10:4', '12:4', '2:1', '4:1', '6:2', '8:3']);
	});

	it('orders the handout by name when asked for a raw count it does not show', async () => {
		const handout = await matrix('handout', { by: 'followers', direction: 'descending' });
		expect(handout.sort).toEqual(NAME_ORDER);
		const labels = handout.rows.map((r) => r.label);
		expect(labels).toEqual([...labels].sort());
	});

	it('keeps a closed round at its frozen figures when the live data changes', async () => {
		const closed = await closeRound(db, roundId, { userId: null, email: 'spec' }, SETTINGS);
		expect(closed).toEqual({ ok: true });
		await db
			.updateTable('monthly_metric')
			.set({ impressions: 10 })
			.where('month', '=', '2026-10')
			.execute();
		const frozen = await matrix('named');
		expect(frozen.rows).toEqual(named.rows);
		expect(frozen.columns).toEqual(named.columns);
	});
});

describe('sortRows', () => {
	const row = (label: string, value: number | null): MatrixRow => ({
		label,
		code: null,
		cells: [{ value, quartile: null, change: null }]
	});
	const rows = [
		row('Jobcenter B', 2),
		row('Jobcenter A', null),
		row('Jobcenter C', 2),
		row('Jobcenter D', 1)
	];
	const labels = (list: MatrixRow[]) => list.map((r) => r.label.slice(-1)).join('');

	it('breaks ties by label and keeps rows without a value last in both directions', () => {
		expect(labels(sortRows(rows, 0, 'ascending'))).toBe('DBCA');
		expect(labels(sortRows(rows, 0, 'descending'))).toBe('BCDA');
	});

	it('sorts by label, numbers in labels by their value, when no column is chosen', () => {
		expect(labels(sortRows(rows, null, 'ascending'))).toBe('ABCD');
		expect(labels(sortRows(rows, null, 'descending'))).toBe('DCBA');
		const numbered = [row('Jobcenter 10', 0), row('Jobcenter 9', 0)];
		expect(sortRows(numbered, null, 'ascending').map((r) => r.label)).toEqual([
			'Jobcenter 9',
			'Jobcenter 10'
		]);
	});
});

describe('buildMatrix', () => {
	it('shows no column and no row for a round without participants', () => {
		const empty = buildMatrix([], new Map(), {
			version: 'handout',
			role: 'analyst',
			sort: NAME_ORDER
		});
		expect(empty.rows).toEqual([]);
	});
});

describe('the change against the predecessor', { timeout: 120_000 }, () => {
	it('marks each shown value with the direction of its change, judged by the catalogue', async () => {
		const make = async (name: string, month: string, predecessor?: number) => {
			const created = await createRound(
				db,
				{ name, from: month, to: month, ring: 'Vergleichsring Matrix', predecessor },
				'spec'
			);
			if (!created.ok) throw new Error(JSON.stringify(created.problems));
			return created.id;
		};
		const september = await make('September 2026', '2026-09');
		const october = await make('Oktober 2026', '2026-10', september);
		const source = tableSource(db, SETTINGS);
		const build = async (id: number, changes: RoundChanges | null) =>
			roundMatrix((await roundContext(db, source, id))!, {
				version: 'named',
				role: 'analyst',
				sort: NAME_ORDER,
				changes
			});
		const before = await build(september, null);
		const changes = await roundChanges(db, source, october);
		expect(changes?.predecessor.name).toBe('September 2026');
		const after = await build(october, changes);

		let marked = 0;
		for (const [r, row] of after.rows.entries()) {
			for (const [c, cell] of row.cells.entries()) {
				const column = after.columns[c];
				const previous = before.rows[r].cells[c].value;
				expect(before.rows[r].code).toBe(row.code);
				if (cell.value === null || previous === null) {
					expect(cell.change, `${row.code} ${column.id}`).toBeNull();
					continue;
				}
				marked++;
				// The direction in the digits shown: equal when they round to the same.
				const digits = 10 ** decimalsOf(column.unit);
				const [now, then] = [cell.value, previous].map((v) => Math.round(v * digits));
				const direction = now === then ? 'same' : now > then ? 'up' : 'down';
				expect(cell.change?.direction, `${row.code} ${column.id}`).toBe(direction);
				const judgement =
					column.better === 'neutral'
						? 'neutral'
						: direction === 'same'
							? 'same'
							: (direction === 'up') === (column.better === 'higher')
								? 'better'
								: 'worse';
				expect(cell.change?.judgement, `${row.code} ${column.id}`).toBe(judgement);
			}
		}
		expect(marked).toBeGreaterThan(20);
		// Without a predecessor, no cell carries a change.
		expect(before.rows.flatMap((r) => r.cells).every((c) => c.change === null)).toBe(true);
	});
});
