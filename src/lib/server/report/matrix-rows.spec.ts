import { describe, expect, it } from 'vitest';
import { buildMatrix, sortRows, type MatrixRow } from './matrix';
import { NAME_ORDER } from './matrix.fixture';

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
