import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { germanMetricsWorkbook } from '../../../../tests/fixtures/workbooks';
import { bufferSource } from './dialect';
import { firstRows } from './sample';

const GERMAN = { encoding: 'windows-1252', delimiter: ';' } as const;

describe('firstRows', () => {
	it('splits German Excel rows as the parser does, umlauts and empty cells kept', async () => {
		const file = readFileSync('tests/fixtures/ingest/metrics-windows1252-semicolon.csv');
		const rows = await firstRows(bufferSource(file), GERMAN);
		expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
		expect(rows[1].cells).toEqual([
			'05754',
			'März 2026',
			'Instagram',
			'2.000',
			'8',
			'10.000',
			'',
			'300',
			'20',
			'5',
			'10',
			'8'
		]);
	});

	it('reads five rows of a large file, after the empty lines above its header', async () => {
		const lines = [';;', '', 'Jobcenter;Monat;Follower'];
		for (let i = 0; i < 40_000; i++) lines.push(`05754;2026-01;${i}`);
		const rows = await firstRows(bufferSource(lines.join('\r\n')), GERMAN);
		expect(rows).toEqual(
			[4, 5, 6, 7, 8].map((line) => ({
				line,
				cells: ['05754', '2026-01', String(line - 4)]
			}))
		);
	});

	it('gives no row past a broken quote, and no error: the check has reported it', async () => {
		const file =
			'Jobcenter;Monat;Follower\r\n05754;2026-01;10\r\n05754;2026-02;11\r\n05754;"2026-03;12\r\n';
		const rows = await firstRows(bufferSource(file), GERMAN);
		expect(rows.every((r) => r.line < 4)).toBe(true);
	});

	it('reads a workbook as the sheet shows it: a formula as its result', async () => {
		const rows = await firstRows(bufferSource(await germanMetricsWorkbook()), {
			format: 'xlsx',
			sheet: 'Kennzahlen',
			numberStyle: 'de'
		});
		expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
		expect(rows[1].cells.slice(0, 6)).toEqual([
			'05754',
			'2026-09-01',
			'Facebook',
			'1301',
			'9',
			'46678'
		]);
	});
});
