/**
 * Reads the upload form: its text fields and every chosen file, each written to the staging
 * directory. All form reading of the upload action is here, in the shape of the streaming
 * `receiveUpload` (`$lib/server/ingest/receive.ts`), so that one can replace this one.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface ReceivedFile {
	/** Where the bytes are now, in the staging directory. */
	path: string;
	/** The name the user's file had, without any folder. */
	name: string;
	size: number;
}

export interface ReceivedUpload {
	fields: Record<string, string>;
	files: ReceivedFile[];
}

/** A file over `maxBytes`, or more than `maxFiles` files: nothing is kept. */
export class UploadRefused extends Error {
	constructor(readonly reason: 'too_large' | 'too_many_files') {
		super(reason);
	}
}

export async function receiveForm(
	request: Request,
	{ dir, maxBytes, maxFiles }: { dir: string; maxBytes: number; maxFiles: number }
): Promise<ReceivedUpload> {
	const form = await request.formData();
	const fields: Record<string, string> = {};
	const chosen: File[] = [];
	for (const [name, value] of form) {
		if (typeof value === 'string') fields[name] ??= value;
		// Without a chosen file the browser still sends a part, with no name; a named one is a real file.
		else if (value.name !== '' || value.size > 0) chosen.push(value);
	}
	if (chosen.length > maxFiles) throw new UploadRefused('too_many_files');
	if (chosen.some((f) => f.size > maxBytes)) throw new UploadRefused('too_large');
	mkdirSync(dir, { recursive: true });
	const files: ReceivedFile[] = [];
	try {
		for (const file of chosen) {
			const path = join(dir, randomBytes(24).toString('base64url'));
			writeFileSync(path, new Uint8Array(await file.arrayBuffer()));
			files.push({ path, name: basename(file.name.replaceAll('\\', '/')), size: file.size });
		}
	} catch (e) {
		removeReceived(files);
		throw e;
	}
	return { fields, files };
}

/** Removes received files that will not be staged (a refused or discarded upload). */
export function removeReceived(files: { path: string }[]): void {
	for (const file of files) rmSync(file.path, { force: true });
}
