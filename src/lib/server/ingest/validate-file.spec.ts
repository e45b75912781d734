import { describe, expect, it } from 'vitest';
import { readHeader } from './headers';
import type { CsvRecord } from './records';
import { CsvSyntaxError } from './records';
import { validateFile, type FileHeader } from './validate-file';
import { CodeIndex } from './values';

const context = {
	codes: new CodeIndex([{ id: 7, code: '05754' }]),
	month: { current: '2026-11' }
};

async function* records(lines: string[][], brokenAt?: number): AsyncIterable<CsvRecord> {
	for (const [i, cells] of lines.entries()) yield { line: i + 1, cells };
	if (brokenAt) throw new CsvSyntaxError(brokenAt, 'Quote Not Closed');
}

const HEADER = ['jobcenter', 'month', 'channel', 'followers', 'staff_hours'];
const header = readHeader(HEADER) as FileHeader;

describe('validateFile', () => {
	it('keeps the good rows, logs the bad ones and counts every data record', async () => {
		const file = [
			HEADER,
			['05754', '2026-01', 'Facebook', '1.234', '12,5'],
			['', '', '', '', ''],
			['99999', '2026-01', 'x', '3', '1'],
			['05754', '2026-02', 'Facebook', '1.300', '']
		];
		const { valid, log, records: count } = await validateFile(header, records(file), 'de', context);
		expect(count).toBe(3);
		expect(log.errors.map((e) => [e.line, e.code])).toEqual([[4, 'unknown_jobcenter']]);
		expect(valid.kind).toBe('metrics');
		expect([...(valid.rows as Iterable<unknown>)]).toEqual([
			{
				line: 2,
				jobcenterId: 7,
				channel: 'facebook',
				month: '2026-01',
				values: { followers: 1234, staff_hours: 12.5 }
			},
			{
				line: 5,
				jobcenterId: 7,
				channel: 'facebook',
				month: '2026-02',
				values: { followers: 1300, staff_hours: null }
			}
		]);
	});

	it('reads the same cells in the style it is given, and votes on the way', async () => {
		const file = [HEADER, ['05754', '2026-01', 'x', '1.234', '2']];
		const en = await validateFile(header, records(file), 'en', context);
		expect(en.log.errors.map((e) => e.code)).toEqual(['fractional_count']);
		expect(en.watch.decide(',')).toEqual({ style: 'en' });
	});

	it('ends the file at a syntax error with the line where it starts', async () => {
		const file = [HEADER, ['05754', '2026-01', 'x', '1', '2']];
		const { log, valid } = await validateFile(header, records(file, 3), 'en', context);
		expect(log.errors).toEqual([
			{ line: 3, column: null, value: null, code: 'unreadable_csv', detail: 'Quote Not Closed' }
		]);
		expect((valid.rows as { length: number }).length).toBe(1);
	});
});
