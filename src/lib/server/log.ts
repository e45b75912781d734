/** The operator's log: JSON lines (pino), one per request, unexpected error, import, undo, round close or reopen and report run. */
import { pino, type Logger } from 'pino';

/** Keys that must never reach the log, should a caller ever pass an object that carries one. */
const REDACT = ['password', '*.password', 'token', '*.token', 'cookie', '*.cookie'];

function create(fd: 1 | 2, fallbackLevel: string): Logger {
	return pino(
		{
			// Vitest's output stays readable; LOG_LEVEL=debug shows the lines there too.
			level: process.env.LOG_LEVEL || (process.env.VITEST ? 'silent' : fallbackLevel),
			formatters: { level: (label) => ({ level: label }) },
			timestamp: pino.stdTimeFunctions.isoTime,
			redact: { paths: REDACT, censor: '[redacted]' }
		},
		// Synchronous, so that the last line before an exit is never lost.
		pino.destination({ dest: fd, sync: true })
	);
}

/** The server logs to stdout, where systemd's journal (or any process manager) collects it. */
export let log: Logger = create(1, 'info');

/**
 * Command-line tools keep stdout for data and print their own sentences on stderr, so their log
 * goes to stderr and stays off unless LOG_LEVEL asks for it (e.g. `LOG_LEVEL=info` under a timer).
 */
export function logForCommandLine(): void {
	log = create(2, 'silent');
}

type Via = 'web' | 'cli';

/** What an import wrote, never what the file held: counts and the upload id. */
export function logImport(
	result: {
		uploadId: number | null;
		kind: string | null;
		inserted: number;
		updated: number;
		unchanged: number;
		errorCount: number;
	},
	userId: number | null,
	via: Via,
	dryRun = false
): void {
	const { uploadId, kind, inserted, updated, unchanged, errorCount } = result;
	log.info(
		{
			event: 'import',
			via,
			userId,
			uploadId,
			kind,
			inserted,
			updated,
			unchanged,
			errorCount,
			dryRun
		},
		'import'
	);
}

export function logUndo(uploadId: number, restored: number, userId: number | null, via: Via): void {
	log.info({ event: 'undo', via, userId, uploadId, restored }, 'undo');
}
