import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../dialect';
import { exportDelimiter, readExport, type NativeTable } from './read';

const fixture = (name: string) => readFileSync(`tests/fixtures/native/${name}`);

async function table(bytes: Buffer | string): Promise<NativeTable> {
	const read = await readExport(bufferSource(bytes));
	if (!('table' in read)) throw new Error(`not read as a table: ${JSON.stringify(read)}`);
	return read.table;
}

describe('readExport', () => {
	it('reads UTF-16 LE with BOM and tabs, with German interface headers', async () => {
		const t = await table(fixture('Instagram_Beitraege_Jobcenter.csv'));
		expect([t.format.id, t.format.channel, t.encoding, t.delimiter]).toEqual([
			'meta-posts',
			'instagram',
			'utf-16le',
			'\t'
		]);
		expect(t.names[4]).toBe('Veröffentlichungszeitpunkt');
		// The caption with line breaks and emoji stays one record, and the next post starts a new one.
		expect(t.records).toHaveLength(3);
		expect(t.records[1].cells[3]).toBe(
			'Tipp der Woche 💡\nBewerbungsfoto? Muss nicht sein!\n➡️ Link in Bio'
		);
		expect(t.records[2].line).toBe(4);
	});

	it('reads UTF-8 with BOM and quoted multi-line captions', async () => {
		const t = await table(fixture('Dec-01-2024_Mar-15-2025_1099511627776.csv'));
		expect([t.format.id, t.format.channel, t.encoding]).toEqual([
			'meta-posts',
			'facebook',
			'utf-8-bom'
		]);
		expect(t.names[0]).toBe('Post ID');
		expect(t.records.map((r) => r.cells[6])).toEqual([
			'01/07/2025 09:15',
			'01/21/2025 14:02',
			'02/03/2025 10:00',
			'02/27/2025 16:45',
			'03/10/2025 08:30'
		]);
	});

	it('skips a sep= line and keeps the title line of a Meta daily series', async () => {
		const t = await table(fixture('Instagram_Aufrufe.csv'));
		expect([t.format.id, t.title, t.delimiter]).toEqual(['meta-daily', 'Instagram views', ',']);
		expect(t.records[0].cells).toEqual(['2025-03-01T08:00:00', '100']);
	});

	it('reads a file German Excel saved again: semicolons, no sep= line, a trailing ; on the title', async () => {
		const t = await table(fixture('Facebook_Reichweite_Excel.csv'));
		expect([t.format.id, t.title, t.delimiter]).toEqual(['meta-daily', 'Facebook reach', ';']);
		expect(t.records).toHaveLength(31 + 28 + 3);
		const sep = await table('sep=;\r\nFacebook-Reichweite;\r\nDatum;Primär\r\n01.01.2025;5\r\n');
		expect([sep.title, sep.delimiter, sep.records[0].cells]).toEqual([
			'Facebook-Reichweite',
			';',
			['01.01.2025', '5']
		]);
	});

	it('refuses a file whose every line was wrapped into one quoted field', async () => {
		const read = await readExport(bufferSource(fixture('Jan-01-2025_Jan-31-2025_wrapped.csv')));
		expect(read).toMatchObject({ wrapped: true });
	});

	it("leaves Benchlearn's own layout and unknown files to the import", async () => {
		const own = readFileSync('tests/fixtures/ingest/metrics-utf8-bom.csv');
		expect(await readExport(bufferSource(own))).toEqual({ native: false });
		expect(await readExport(bufferSource('Name,Wert\nA,1\n'))).toEqual({ native: false });
	});
});

describe('exportDelimiter', () => {
	it('follows sep=, else the line with the most delimiters', () => {
		expect(exportDelimiter('sep=;\n"a,b,c"\n')).toBe(';');
		expect(exportDelimiter('Facebook reach;\nDate;Primary\n')).toBe(';');
		expect(exportDelimiter('"Facebook reach"\n"Date","Primary"\n')).toBe(',');
	});
});
