/** Tells a write that failed because of the storage or a held lock from a bug, so that callers can say so instead of answering 500. */

/**
 * `storage`: the disk is full, read-only or failing (SQLite's or the file system's codes);
 * `busy`: another connection held the write lock for longer than the busy timeout.
 */
export type WriteFault = 'storage' | 'busy';

const STORAGE_CODES = ['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_CANTOPEN'];
const FILE_SYSTEM_CODES = ['ENOSPC', 'EDQUOT', 'EROFS', 'EFBIG', 'EIO'];

export function writeFault(e: unknown): WriteFault | null {
	const code = (e as { code?: unknown } | null)?.code;
	if (typeof code !== 'string') return null;
	// Extended codes such as SQLITE_IOERR_WRITE or SQLITE_READONLY_DBMOVED name their family first.
	const family = code.match(/^SQLITE_[A-Z]+/)?.[0] ?? code;
	if (family === 'SQLITE_BUSY' || family === 'SQLITE_LOCKED') return 'busy';
	if (STORAGE_CODES.includes(family) || FILE_SYSTEM_CODES.includes(code)) return 'storage';
	return null;
}
