import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/testing';
import { KPIS, type KpiId } from '$lib/server/kpi/catalogue';
import { closeRound } from '$lib/server/lifecycle';
import type { Matrix } from './matrix';
import {
	CODES,
	ENV,
	NAME_ORDER,
	SETTINGS,
	cellsOf,
	column,
	useMatrixRound
} from './matrix.fixture';

const round = useMatrixRound();
const { matrix } = round;
let named: Matrix;

beforeAll(async () => {
	named = await matrix('named');
});

/** `npm run -s kpi -- … --json` on the fixture's database, with the clock and MIN_PEERS pinned. */
const kpiCli = (...args: string[]) => runCli('kpi', args, round.database, ENV);

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
				...['--jobcenter', code, '--round', String(round.roundId), '--json']
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
		const closed = await closeRound(
			round.db,
			round.roundId,
			{ userId: null, email: 'spec' },
			SETTINGS
		);
		expect(closed).toEqual({ ok: true });
		await round.db
			.updateTable('monthly_metric')
			.set({ impressions: 10 })
			.where('month', '=', '2026-10')
			.execute();
		const frozen = await matrix('named');
		expect(frozen.rows).toEqual(named.rows);
		expect(frozen.columns).toEqual(named.columns);
	});
});
