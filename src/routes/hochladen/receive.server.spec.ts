import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statedPeriod } from './choices.server';
import { receiveForm, UploadRefused } from './receive.server';

function request(parts: [string, string | File][]): Request {
	const body = new FormData();
	for (const [name, value] of parts) body.append(name, value);
	return new Request('http://localhost/hochladen?/preview', { method: 'POST', body });
}

describe('receiveForm', () => {
	it('writes every chosen file to the staging directory and keeps the text fields', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'receive-'));
		const received = await receiveForm(
			request([
				['file', new File(['Post ID,Page ID\n'], 'C:\\Exporte\\Jan-01-2025_Jan-31-2025_1.csv')],
				['file', new File(['sep=,\n"Facebook reach"\n'], 'Reichweite.csv')],
				['von', '2025-01-01'],
				['jobcenter', '05754']
			]),
			{ dir, maxBytes: 1000, maxFiles: 5 }
		);
		expect(received.fields).toEqual({ von: '2025-01-01', jobcenter: '05754' });
		expect(received.files.map((f) => [f.name, f.size])).toEqual([
			['Jan-01-2025_Jan-31-2025_1.csv', 16],
			['Reichweite.csv', 23]
		]);
		expect(readFileSync(received.files[1].path, 'utf8')).toBe('sep=,\n"Facebook reach"\n');
		expect(received.files.every((f) => f.path.startsWith(dir))).toBe(true);
	});

	it('takes the empty part of a form sent without a file as no file', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'receive-'));
		const received = await receiveForm(request([['file', new File([], '')]]), {
			dir,
			maxBytes: 1000,
			maxFiles: 5
		});
		expect(received.files).toEqual([]);
	});

	it('refuses too many or too large files and keeps none of them', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'receive-'));
		const files = (n: number, size: number) =>
			Array.from({ length: n }, (_, i) => ['file', new File(['x'.repeat(size)], `${i}.csv`)]) as [
				string,
				File
			][];
		const options = { dir, maxBytes: 10, maxFiles: 2 };
		await expect(receiveForm(request(files(3, 1)), options)).rejects.toEqual(
			new UploadRefused('too_many_files')
		);
		await expect(receiveForm(request(files(2, 11)), options)).rejects.toEqual(
			new UploadRefused('too_large')
		);
		expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
	});
});

describe('statedPeriod', () => {
	it('takes both days or neither, and refuses a period that ends before it starts', () => {
		expect(statedPeriod({ von: '2025-01-01', bis: '2025-02-28' })).toEqual({
			ok: true,
			period: { from: '2025-01-01', to: '2025-02-28' }
		});
		expect(statedPeriod({})).toEqual({ ok: true, period: null });
		expect(statedPeriod({ von: '2025-01-01' })).toMatchObject({ ok: false, field: 'bis' });
		expect(statedPeriod({ von: '2025-03-01', bis: '2025-02-28' })).toMatchObject({
			ok: false,
			field: 'bis'
		});
		expect(statedPeriod({ von: '2025-02-30', bis: '2025-03-31' })).toMatchObject({
			ok: false,
			field: 'von'
		});
	});
});
