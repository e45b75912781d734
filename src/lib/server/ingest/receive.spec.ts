import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { receiveUpload, UploadRefused } from './receive';

const BOUNDARY = '----benchlearn7MA4YWxkTrZu0gW';
const CSV = 'Kennung;Kanal;Monat;Follower\r\n05754;instagram;2026-01;1.234\r\n';

function part(name: string, value: string, fileName?: string, type = 'text/csv'): string {
	const disposition = fileName === undefined ? '' : `; filename="${fileName}"`;
	const header = fileName === undefined ? '' : `Content-Type: ${type}\r\n`;
	return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${disposition}\r\n${header}\r\n${value}\r\n`;
}

/** A body sent in small chunks, as a browser's arrives; `fail` ends it with a stream error instead. */
function request(
	body: string,
	{ fail = false, type = `multipart/form-data; boundary=${BOUNDARY}` } = {}
) {
	const bytes = new TextEncoder().encode(body);
	let at = 0;
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (at >= bytes.length) {
				if (fail) controller.error(new Error('aborted'));
				else controller.close();
				return;
			}
			controller.enqueue(bytes.slice(at, (at += 1000)));
		}
	});
	return new Request('http://localhost/hochladen?/preview', {
		method: 'POST',
		headers: { 'content-type': type },
		body: stream,
		duplex: 'half'
	} as RequestInit);
}

const end = `--${BOUNDARY}--\r\n`;
const limits = (dir: string) => ({ dir, maxBytes: 10_000, maxFiles: 2 });
const scratch = () => mkdtempSync(join(tmpdir(), 'receive-'));

async function refusal(promise: Promise<unknown>): Promise<string> {
	const e = await promise.then(
		() => expect.fail('accepted'),
		(e: unknown) => e
	);
	expect(e).toBeInstanceOf(UploadRefused);
	return (e as UploadRefused).reason;
}

/** A disk that is full from the first byte on. */
const fullDisk = () =>
	new Writable({
		write(_chunk, _encoding, callback) {
			callback(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
		}
	});

describe('receiveUpload', () => {
	it('ends with the disk error on a full disk, however much of the body is still to come', async () => {
		const dir = scratch();
		const rows = '05754;instagram;2026-01;1.234\r\n'.repeat(20_000);
		const body = part('file', `Kennung;Kanal;Monat;Follower\r\n${rows}`, 'gross.csv') + end;
		const wide = { dir, maxBytes: 2_000_000, maxFiles: 2 };
		const e = await receiveUpload(request(body), wide, fullDisk).then(
			() => expect.fail('accepted'),
			(e: unknown) => e
		);
		expect((e as { code?: string }).code).toBe('ENOSPC');
		expect(readdirSync(dir)).toEqual([]);
	});

	it('streams each file to its own file in the folder and returns the fields', async () => {
		const dir = scratch();
		const body =
			part('note', 'März') +
			part('file', CSV, 'C:\\Users\\me\\Monatsdaten März.csv') +
			part('file', 'a,b\r\n', 'zwei.csv') +
			end;
		const { fields, files } = await receiveUpload(request(body), limits(dir));
		expect(fields).toEqual({ note: 'März' });
		expect(files.map((f) => [f.name, f.size])).toEqual([
			['Monatsdaten März.csv', Buffer.byteLength(CSV)],
			['zwei.csv', 5]
		]);
		expect(readFileSync(files[0].path, 'utf8')).toBe(CSV);
		expect(files.every((f) => f.path.startsWith(dir))).toBe(true);
	});

	it('returns a part without a chosen file as an empty, nameless file', async () => {
		const dir = scratch();
		// What a browser sends for a file input left empty.
		const empty = part('file', '', '', 'application/octet-stream');
		const { files } = await receiveUpload(request(empty + end), limits(dir));
		expect(files.map((f) => [f.name, f.size])).toEqual([['', 0]]);
	});

	it('refuses a file over the limit, reads the body to its end and leaves no file behind', async () => {
		const dir = scratch();
		const big = CSV + '05754;instagram;2026-02;1.235\r\n'.repeat(400);
		const body = part('file', big, 'gross.csv') + part('note', 'danach') + end;
		expect(await refusal(receiveUpload(request(body), limits(dir)))).toBe('too_large');
		expect(readdirSync(dir)).toEqual([]);
	});

	it('counts the bytes of all files together', async () => {
		const dir = scratch();
		const half = 'x'.repeat(6000);
		const body = part('file', half, 'a.csv') + part('file', half, 'b.csv') + end;
		expect(await refusal(receiveUpload(request(body), limits(dir)))).toBe('too_large');
		expect(readdirSync(dir)).toEqual([]);
	});

	it('refuses more files than allowed', async () => {
		const dir = scratch();
		const body = ['a', 'b', 'c'].map((n) => part('file', CSV, `${n}.csv`)).join('') + end;
		expect(await refusal(receiveUpload(request(body), limits(dir)))).toBe('too_many_files');
		expect(readdirSync(dir)).toEqual([]);
	});

	it('refuses an overlong text field', async () => {
		const dir = scratch();
		const body = part('note', 'x'.repeat(70_000)) + end;
		const wide = { ...limits(dir), maxBytes: 1_000_000 };
		expect(await refusal(receiveUpload(request(body), wide))).toBe('too_large');
	});

	it('refuses a body cut off in the middle of a file and removes the part written', async () => {
		const dir = scratch();
		const cut = part('file', CSV.repeat(20), 'halb.csv').slice(0, 900);
		expect(await refusal(receiveUpload(request(cut), limits(dir)))).toBe('malformed');
		expect(readdirSync(dir)).toEqual([]);
	});

	it('refuses a body whose stream breaks off (the browser went away)', async () => {
		const dir = scratch();
		const body = part('file', CSV.repeat(60), 'abbruch.csv');
		expect(await refusal(receiveUpload(request(body, { fail: true }), limits(dir)))).toBe(
			'malformed'
		);
		expect(readdirSync(dir)).toEqual([]);
	});

	it('refuses a body that is not multipart', async () => {
		const dir = scratch();
		const plain = request('file=x', { type: 'text/plain' });
		expect(await refusal(receiveUpload(plain, limits(dir)))).toBe('malformed');
	});

	it('reads adapter-node’s body size limit (a 413 stream error) as too large', async () => {
		const dir = scratch();
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new TextEncoder().encode(part('file', CSV, 'a.csv').slice(0, 200)));
				controller.error(Object.assign(new Error('Content-length exceeds limit'), { status: 413 }));
			}
		});
		const limited = new Request('http://localhost/hochladen', {
			method: 'POST',
			headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
			body: stream,
			duplex: 'half'
		} as RequestInit);
		expect(await refusal(receiveUpload(limited, limits(dir)))).toBe('too_large');
		expect(readdirSync(dir)).toEqual([]);
	});
});
