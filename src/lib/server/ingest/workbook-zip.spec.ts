import { describe, expect, it } from 'vitest';
import { germanMetricsWorkbook } from '../../../../tests/fixtures/workbooks';
import { toText } from './report';
import { metrics, run, withJobcenter } from './workbook.fixture';

/** A ZIP with stored entries whose central directory claims the given sizes. */
function storedZip(entries: { name: string; data: string; claimed?: number }[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const { name, data, claimed } of entries) {
		const body = Buffer.from(data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt32LE(body.length, 18);
		local.writeUInt32LE(body.length, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt32LE(body.length, 20);
		central.writeUInt32LE(claimed ?? body.length, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		const header = Buffer.concat([local, Buffer.from(name)]);
		locals.push(header, body);
		centrals.push(central, Buffer.from(name));
		offset += header.length + body.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

describe('a ZIP that is no readable workbook', () => {
	const codes = async (file: Buffer) => {
		const { db } = await withJobcenter();
		const result = await run(db, file, true);
		expect(await metrics(db)).toEqual([]);
		return result.errors.map((e) => e.code);
	};

	it('is refused with its own message, not a crash', async () => {
		const good = await germanMetricsWorkbook();
		// Another ZIP, e.g. a zipped CSV.
		expect(await codes(storedZip([{ name: 'daten.csv', data: 'Jobcenter;Monat\n' }]))).toEqual([
			'unreadable_workbook'
		]);
		// Cut off in transfer.
		expect(await codes(good.subarray(0, good.length - 200))).toEqual(['unreadable_workbook']);
		// Damaged inside: the directory is whole, the sheet's compressed bytes are not.
		const damaged = Buffer.from(good);
		damaged.fill(0x41, 400, 2400);
		expect(await codes(damaged)).toEqual(['unreadable_workbook']);
	});

	it('is refused before unpacking when it claims to unpack to more than 512 MB', async () => {
		const bomb = storedZip([
			{ name: 'xl/workbook.xml', data: '<workbook/>' },
			{ name: 'xl/worksheets/sheet1.xml', data: '<worksheet/>', claimed: 600 * 1024 * 1024 }
		]);
		expect(await codes(bomb)).toEqual(['workbook_too_large']);
		const { db } = await withJobcenter();
		expect(toText(await run(db, bomb, true), 'de', true)).toContain(
			'Die Arbeitsmappe ist ausgepackt zu groß (mehr als 512 MB).'
		);
	});
});
