/** A CSV file, an Excel workbook or a ZIP as a download response, with a file name that may hold umlauts. */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

export function csvDownload(text: string | ReadableStream, fileName: string): Response {
	return download(text, fileName, 'text/csv; charset=utf-8');
}

export function xlsxDownload(bytes: Uint8Array, fileName: string): Response {
	return download(
		bytes,
		fileName,
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	);
}

function download(
	body: string | Uint8Array | ReadableStream,
	fileName: string,
	contentType: string
): Response {
	const ascii = fileName.replace(/[^\w.-]/g, '_');
	return new Response(body as BodyInit, {
		headers: {
			'content-type': contentType,
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
			'cache-control': 'no-store'
		}
	});
}

/** A file on disk, streamed rather than read into memory: a round's ZIP of reports can be large. */
export function zipDownload(path: string, fileName: string): Response {
	return download(
		Readable.toWeb(createReadStream(path)) as ReadableStream,
		fileName,
		'application/zip'
	);
}
