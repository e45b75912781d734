/** Streams a multipart upload's files to disk as they arrive, bounded, so that no body is held in the server's memory or parsed on its thread in one piece. */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';

export interface ReceiveLimits {
	/** Where the files go; the caller moves or removes them. */
	dir: string;
	/** The bytes of all files together. */
	maxBytes: number;
	maxFiles: number;
}

export interface ReceivedFile {
	path: string;
	/** The file's name as the browser sent it, without any folder. */
	name: string;
	size: number;
}

export interface Received {
	fields: Record<string, string>;
	files: ReceivedFile[];
}

/** Why a body was refused; every file written for it is removed again. */
export class UploadRefused extends Error {
	constructor(readonly reason: 'too_large' | 'too_many_files' | 'malformed') {
		super(`Upload refused: ${reason}`);
	}
}

/** Text fields: a form has a few short ones. */
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 64 * 1024;

/**
 * Reads `request`'s multipart body to its end, each file into a new file in `dir`. Throws
 * `UploadRefused`, or the file system's error when a file cannot be written. A too-large body is still read to its end (and discarded), so that the browser
 * sees the answer instead of a reset connection.
 */
export async function receiveUpload(
	request: Request,
	limits: ReceiveLimits,
	/** Opens a file to write; a test seam for a disk that fails. */
	open: (path: string) => Writable = createWriteStream
): Promise<Received> {
	const received: Received = { fields: {}, files: [] };
	const writes: Promise<unknown>[] = [];
	let refusal: UploadRefused | null = null;
	/** A full or read-only disk: not the body's fault, so it is thrown as it is. */
	let diskError: unknown = null;
	let total = 0;
	const refuse = (reason: UploadRefused['reason']) => (refusal ??= new UploadRefused(reason));
	const removeAll = () => received.files.forEach((f) => rmSync(f.path, { force: true }));
	let parser: busboy.Busboy;
	try {
		parser = busboy({
			headers: { 'content-type': request.headers.get('content-type') ?? '' },
			// Browsers send file names as UTF-8.
			defParamCharset: 'utf8',
			limits: {
				fileSize: limits.maxBytes,
				files: limits.maxFiles,
				fields: MAX_FIELDS,
				fieldSize: MAX_FIELD_BYTES,
				parts: limits.maxFiles + MAX_FIELDS
			}
		});
	} catch {
		await drain(request);
		throw new UploadRefused('malformed');
	}
	mkdirSync(limits.dir, { recursive: true });
	parser.on('field', (name, value, info) => {
		if (info.valueTruncated || info.nameTruncated) refuse('too_large');
		else received.fields[name] = value;
	});
	parser.on('file', (_name, stream, info) => {
		if (refusal) return void stream.resume();
		const file: ReceivedFile = {
			path: join(limits.dir, `.upload-${randomBytes(12).toString('base64url')}`),
			name: basename((info.filename ?? '').replaceAll('\\', '/')),
			size: 0
		};
		received.files.push(file);
		const out = open(file.path);
		stream.on('data', (chunk: Buffer) => {
			file.size += chunk.length;
			total += chunk.length;
			if (total > limits.maxBytes) refuse('too_large');
		});
		stream.on('limit', () => refuse('too_large'));
		// Not `pipeline`: on a write error it destroys busboy's file stream, and busboy then waits
		// for ever for that stream to take the rest of the body, so the request never ends. On a full
		// disk the rest of the file is read and dropped instead.
		writes.push(
			new Promise<void>((done) => {
				out.once('error', (e) => {
					diskError ??= e;
					stream.unpipe(out);
					stream.resume();
					done();
				});
				out.once('close', done);
				stream.once('error', () => {
					refuse('malformed');
					out.destroy();
					done();
				});
				stream.pipe(out);
			})
		);
	});
	parser.on('filesLimit', () => refuse('too_many_files'));
	parser.on('fieldsLimit', () => refuse('too_large'));
	parser.on('partsLimit', () => refuse('too_large'));
	try {
		if (!request.body) throw new UploadRefused('malformed');
		await pipeline(Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), parser);
		await Promise.all(writes);
	} catch (e) {
		// adapter-node's BODY_SIZE_LIMIT ends the body with a 413 error; anything else is a body cut
		// off or not multipart at all.
		refuse((e as { status?: number }).status === 413 ? 'too_large' : 'malformed');
		await Promise.allSettled(writes);
	}
	if (diskError || refusal) {
		removeAll();
		throw diskError ?? refusal;
	}
	return received;
}

/** Reads a body that will not be parsed, so that the browser sees the answer, not a reset. */
async function drain(request: Request): Promise<void> {
	try {
		await request.body?.pipeTo(new WritableStream());
	} catch {
		// The browser went away.
	}
}
