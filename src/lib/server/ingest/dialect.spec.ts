import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	bufferSource,
	decideNumberStyle,
	decode,
	detectDelimiter,
	headOf,
	NumberStyleVote,
	sniff,
	UnreadableFile
} from './dialect';
import { numberReadings } from './values';

const fixture = (name: string) => readFileSync(`tests/fixtures/ingest/${name}`);

async function text(bytes: Uint8Array) {
	const { encoding } = await sniff(bufferSource(bytes));
	let all = '';
	for await (const chunk of decode(bufferSource(bytes), encoding)) all += chunk;
	return { encoding, all };
}

describe('encoding', () => {
	it('reads Windows-1252 from German Excel with its umlauts', async () => {
		const { encoding, all } = await text(fixture('metrics-windows1252-semicolon.csv'));
		expect(encoding).toBe('windows-1252');
		expect(all).toContain('Beiträge');
		expect(all).toContain('März 2026');
	});

	it('reads UTF-8 with a byte-order mark and drops the mark', async () => {
		const { encoding, all } = await text(fixture('metrics-utf8-bom.csv'));
		expect(encoding).toBe('utf-8-bom');
		expect(all.startsWith('jobcenter,')).toBe(true);
	});

	it('reads UTF-8 without a mark, also when a character straddles two chunks', async () => {
		const bytes = Buffer.from('a'.repeat(65_535) + 'ä;ö\n');
		const { encoding, all } = await text(bytes);
		expect(encoding).toBe('utf-8');
		expect(all.endsWith('ä;ö\n')).toBe(true);
	});

	it('reads UTF-16 as Excel saves "Unicode text"', async () => {
		const bytes = Buffer.concat([
			Buffer.from([0xff, 0xfe]),
			Buffer.from('Monat\tKanal\n', 'utf16le')
		]);
		expect((await text(bytes)).all).toBe('Monat\tKanal\n');
	});

	it('hashes the bytes', async () => {
		const sniffed = await sniff(bufferSource('abc'));
		expect(sniffed.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});

	it('refuses empty and binary files', async () => {
		await expect(sniff(bufferSource(''))).rejects.toThrow(UnreadableFile);
		await expect(sniff(bufferSource(' \r\n\n'))).rejects.toThrow('empty');
		// An old Excel 97 file (.xls): binary, and no workbook we read.
		const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
		await expect(sniff(bufferSource(xls))).rejects.toThrow('not a text file');
		// A ZIP is left to the workbook reader, which says whether it is one.
		const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]);
		expect(await sniff(bufferSource(zip))).toMatchObject({ zip: true, head: '' });
	});
});

describe('detectDelimiter', () => {
	it('takes the most frequent of ; tab , in the header', () => {
		expect(detectDelimiter('Jobcenter;Monat;Kanal\n1,5;2;3')).toBe(';');
		expect(detectDelimiter('Jobcenter\tMonat\tKanal')).toBe('\t');
		expect(detectDelimiter('jobcenter,month,channel')).toBe(',');
		expect(detectDelimiter('\n\njobcenter;month;channel')).toBe(';');
	});

	it('ignores delimiters inside quotes', () => {
		expect(detectDelimiter('"a;b;c;d",month,channel')).toBe(',');
	});
});

describe('decideNumberStyle', () => {
	const vote = (...values: string[]) => {
		const v = new NumberStyleVote();
		values.forEach((value, i) => v.note(numberReadings(value), i + 2));
		return v;
	};

	it('follows the delimiter when all values are readable both ways', () => {
		expect(decideNumberStyle(';', vote('1.234', '5'))).toEqual({ style: 'de' });
		expect(decideNumberStyle(',', vote('1,234', '5'))).toEqual({ style: 'en' });
		expect(decideNumberStyle('\t', vote('1.234'))).toEqual({ style: 'en' });
	});

	it('switches the whole file when a value can be read only the other way', () => {
		expect(decideNumberStyle('\t', vote('1.234', '12,5'))).toEqual({ style: 'de' });
		expect(decideNumberStyle(';', vote('1.234', '13.2'))).toEqual({ style: 'en' });
	});

	it('rejects values that contradict each other', () => {
		expect(decideNumberStyle(';', vote('7', '12,5', '13.2'))).toEqual({ conflictLines: [3, 4] });
	});
});

describe('headOf', () => {
	// A German Excel file of 40,000 lines, much more than the head that is read of it.
	const line = (i: number) => `05754;facebook;2026-01;${i};4;2,5;Überarbeitet\r\n`;
	const file = Buffer.from(Array.from({ length: 40_000 }, (_, i) => line(i)).join(''), 'latin1');

	async function pieces(source: ReturnType<typeof headOf>) {
		const read: Uint8Array[] = [];
		for await (const piece of source()) read.push(piece);
		return read;
	}

	it('reads the first bytes only, cut after the last whole line, in pieces of 8 KB', async () => {
		const read = await pieces(headOf(bufferSource(file), 65_536));
		const head = Buffer.concat(read);
		const lines = head.toString('latin1').split('\r\n');
		expect(lines.pop()).toBe('');
		// The whole lines that fit into the first 65,535 bytes (the line feed at most the 65,535th).
		let fit = 0;
		for (let bytes = line(0).length; bytes <= 65_535; bytes += line(fit).length) fit++;
		expect(lines.length).toBe(fit);
		expect(lines.every((l, i) => `${l}\r\n` === line(i))).toBe(true);
		expect(read.slice(0, -1).every((p) => p.length === 8192)).toBe(true);
		expect(read.length).toBe(Math.ceil(head.length / 8192));
	});

	it('reads a small file whole', async () => {
		const small = file.subarray(0, 1000);
		expect(Buffer.concat(await pieces(headOf(bufferSource(small), 65_536)))).toEqual(small);
	});

	it('lets the event loop turn between two pieces', async () => {
		const turns: number[] = [];
		let turn = 0;
		const count = () => {
			turn++;
			if (turn < 50) setImmediate(count);
		};
		setImmediate(count);
		for await (const piece of headOf(bufferSource(file), 65_536)()) {
			expect(piece.length).toBeGreaterThan(0);
			turns.push(turn);
		}
		expect(turns.length).toBe(8);
		expect(turns.every((t, i) => i === 0 || t > turns[i - 1])).toBe(true);
	});
});
