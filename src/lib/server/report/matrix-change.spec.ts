import { describe, expect, it } from 'vitest';
import { decimalsOf } from '$lib/kpi-format';
import { tableSource } from '$lib/server/kpi/source';
import { createRound } from '$lib/server/rounds';
import { roundChanges, type RoundChanges } from './change';
import { roundContext } from './context';
import { roundMatrix } from './matrix';
import { NAME_ORDER, SETTINGS, useMatrixRound } from './matrix.fixture';

const round = useMatrixRound();

describe('the change against the predecessor', { timeout: 120_000 }, () => {
	it('marks each shown value with the direction of its change, judged by the catalogue', async () => {
		const make = async (name: string, month: string, predecessor?: number) => {
			const created = await createRound(
				round.db,
				{ name, from: month, to: month, ring: 'Vergleichsring Matrix', predecessor },
				'spec'
			);
			if (!created.ok) throw new Error(JSON.stringify(created.problems));
			return created.id;
		};
		const september = await make('September 2026', '2026-09');
		const october = await make('Oktober 2026', '2026-10', september);
		const source = tableSource(round.db, SETTINGS);
		const build = async (id: number, changes: RoundChanges | null) =>
			roundMatrix((await roundContext(round.db, source, id))!, {
				version: 'named',
				role: 'analyst',
				sort: NAME_ORDER,
				changes
			});
		const before = await build(september, null);
		const changes = await roundChanges(round.db, source, october);
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
