import { describe, expect, it } from 'vitest';
import { readHeader, type Header } from './headers';
import { numberStyleOf, StyleWatch } from './scan';

const header = readHeader(['jobcenter', 'month', 'channel', 'followers', 'staff_hours']) as Header;
const record = (line: number, followers: string, hours: string) => ({
	line,
	cells: ['05754', '2026-01', 'x', followers, hours]
});

function decide(delimiter: ';' | ',', rows: [string, string][]) {
	const watch = new StyleWatch(header);
	rows.forEach(([followers, hours], i) => watch.note(record(i + 2, followers, hours)));
	return numberStyleOf(watch, delimiter);
}

describe('numberStyleOf', () => {
	it("follows the delimiter's usual style while every value reads both ways", () => {
		expect(decide(';', [['1.234', '12']])).toEqual({ style: 'de' });
		expect(decide(',', [['1.234', '12']])).toEqual({ style: 'en' });
	});

	it('takes the style that the only value one style can read decides, wherever it stands', () => {
		const rows: [string, string][] = Array.from({ length: 50 }, () => ['1.234', '3']);
		expect(decide(',', [...rows, ['1.234', '12,5']])).toEqual({ style: 'de' });
		expect(decide(';', [['10', '2.5'], ...rows])).toEqual({ style: 'en' });
	});

	it('names the two lines that contradict each other', () => {
		expect(
			decide(',', [
				['5', '12,5'],
				['7', '1'],
				['8', '2.5']
			])
		).toEqual({
			mixed: {
				line: 4,
				column: null,
				value: null,
				code: 'mixed_number_format',
				detail: '2'
			}
		});
	});
});
