import { describe, expect, it } from 'vitest';
import { issueMessage } from './messages';
import { CsvSyntaxError, isBlank, MAX_RECORD_CHARS, readRecords } from './records';

async function* chunks(text: string, size = text.length) {
	for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

async function read(text: string, delimiter: ',' | ';' = ',', size?: number) {
	const records = [];
	for await (const r of readRecords(chunks(text, size), delimiter)) records.push(r);
	return records;
}

describe('readRecords', () => {
	it('counts lines as a spreadsheet does: a quoted line break stays in its row', async () => {
		const records = await read('a,b\r\n1,"x\r\ny, z"\r\n\r\n2,"say ""hi"""\r\n,\r\n3,4\r\n\r\n');
		expect(records.map((r) => [r.line, r.cells])).toEqual([
			[1, ['a', 'b']],
			[2, ['1', 'x\r\ny, z']],
			[3, ['']],
			[4, ['2', 'say "hi"']],
			[5, ['', '']],
			[6, ['3', '4']],
			[7, ['']]
		]);
		expect(records.filter((r) => isBlank(r.cells)).map((r) => r.line)).toEqual([3, 5, 7]);
	});

	it('reads the same records however the text is cut into chunks', async () => {
		const text = '\ufeffa;b\r\n1;"x\r\ny; z"\r\n\r\n2;"say ""hi"""\r\n;\r\n3;4\r\n';
		const whole = await read(text, ';');
		expect(whole.map((r) => r.cells)).toEqual([
			['a', 'b'],
			['1', 'x\r\ny; z'],
			[''],
			['2', 'say "hi"'],
			['', ''],
			['3', '4']
		]);
		for (const size of [1, 2, 3, 5, 7, 11]) expect(await read(text, ';', size)).toEqual(whole);
	});

	it('reads lines ended by \\n, \\r\\n and both mixed, and old Mac files ended by \\r', async () => {
		const rows = [
			['a', 'b'],
			['1', '2'],
			['3', '4'],
			['5', '']
		];
		for (const text of [
			'a,b\n1,2\n3,4\n5,\n',
			'a,b\r\n1,2\r\n3,4\r\n5,',
			'a,b\n1,2\r\n3,4\n5,\r\n'
		]) {
			expect((await read(text, ',', 3)).map((r) => r.cells)).toEqual(rows);
		}
		expect((await read('a;b\r1;2\r3;4\r5;\r', ';', 4)).map((r) => r.cells)).toEqual(rows);
	});

	async function brokenAt(text: string, size?: number) {
		const lines: number[] = [];
		try {
			for await (const r of readRecords(chunks(text, size), ';')) lines.push(r.line);
		} catch (e) {
			if (!(e instanceof CsvSyntaxError)) throw e;
			return { lines, line: e.line, reason: e.reason };
		}
		throw new Error('read to the end');
	}

	it('reports broken quoting with the line where it starts, after the lines before it', async () => {
		expect(await brokenAt('a;b\n1;2\n"open;3\n4;5\n')).toEqual({
			lines: [1, 2],
			line: 3,
			reason: 'quote_not_closed'
		});
		for (const size of [1, 4, 1000]) {
			expect(await brokenAt('a;b\n1;2\n"closed" early;3\n4;5\n', size)).toEqual({
				lines: [1, 2],
				line: 3,
				reason: 'text_after_quote'
			});
		}
		const issue = { line: 3, column: null, value: null, code: 'unreadable_csv' as const };
		expect(issueMessage({ ...issue, detail: 'quote_not_closed' }, 'de')).toBe(
			'Die Datei ist kein lesbares CSV (ein Anführungszeichen wird bis zum Dateiende nicht geschlossen). Bitte prüfen Sie die Anführungszeichen.'
		);
	});

	it('gives up on an open quote once its record is longer than any real one', async () => {
		// Without the bound, every further piece would search the whole carried rest again.
		const text = `a;b\n"open;3\n${'1;2\n'.repeat(MAX_RECORD_CHARS)}`;
		let pieces = 0;
		const counted = async function* () {
			for await (const piece of chunks(text, 65_536)) {
				pieces++;
				yield piece;
			}
		};
		const lines: number[] = [];
		const broken = await (async () => {
			try {
				for await (const r of readRecords(counted(), ';')) lines.push(r.line);
			} catch (e) {
				return e as CsvSyntaxError;
			}
		})();
		expect([lines, broken?.line, broken?.reason]).toEqual([[1], 2, 'quote_not_closed']);
		expect(pieces).toBeLessThan(text.length / 65_536 / 2);
		const endless = await brokenAt('x'.repeat(MAX_RECORD_CHARS + 10), 65_536);
		expect(endless).toEqual({ lines: [], line: 1, reason: 'line_too_long' });
	});
});
