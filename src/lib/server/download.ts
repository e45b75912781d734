/** A CSV file as a download response, with a file name that may hold umlauts. */
export function csvDownload(text: string, fileName: string): Response {
	const ascii = fileName.replace(/[^\w.-]/g, '_');
	return new Response(text, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
			'cache-control': 'no-store'
		}
	});
}
