/** Test harness: `tsx src/cli/testing/crash-import.ts FILE N` imports FILE as `npm run import` does and dies with exit code 99 once N rows are written. */
import { basename } from 'node:path';
import { fileSource } from '$lib/server/ingest/dialect';
import { importFile } from '$lib/server/ingest/ingest';
import { openAppDatabase, run } from '../common';

run(async () => {
	const [file, after] = process.argv.slice(2);
	const db = await openAppDatabase();
	await importFile(db, fileSource(file), {
		fileName: basename(file),
		userId: null,
		scope: { jobcenterId: null, mayImportRegister: true },
		// The seam: the process ends in the middle of the write transaction, as a crash would.
		onRowWritten: (written) => {
			if (written >= Number(after)) process.exit(99);
		}
	});
	process.exit(0);
});
