/**
 * Reads the upload form: its text fields and every chosen file, each written to the staging
 * directory as it arrives (`receiveUpload`, never the whole body in memory on the server thread).
 */
import { rmSync } from 'node:fs';
import { receiveUpload, UploadRefused, type Received } from '$lib/server/ingest/receive';

export { UploadRefused };
export type { ReceivedFile } from '$lib/server/ingest/receive';
export type ReceivedUpload = Received;

/**
 * The form as `receiveUpload` streams it to `dir`, without the empty part a browser sends when no
 * file was chosen (a named file, even an empty one, is a real choice).
 */
export async function receiveForm(
	request: Request,
	limits: { dir: string; maxBytes: number; maxFiles: number }
): Promise<ReceivedUpload> {
	const { fields, files } = await receiveUpload(request, limits);
	const unchosen = files.filter((f) => f.name === '' && f.size === 0);
	removeReceived(unchosen);
	return { fields, files: files.filter((f) => !unchosen.includes(f)) };
}

/** Removes received files that will not be staged (a refused or discarded upload). */
export function removeReceived(files: { path: string }[]): void {
	for (const file of files) rmSync(file.path, { force: true });
}
