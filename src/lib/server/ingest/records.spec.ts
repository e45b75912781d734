import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, isBlank, readRecords } from './records';

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

	it('reports broken quoting with the line where it starts', async () => {
		const records = [];
		await expect(async () => {
			for await (const r of readRecords(chunks('a;b\n1;2\n"open;3\n4;5\n'), ';')) records.push(r);
		}).rejects.toThrow(CsvSyntaxError);
	});
});
