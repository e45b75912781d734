import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	bufferSource,
	decideNumberStyle,
	decode,
	detectDelimiter,
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
