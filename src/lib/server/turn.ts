/**
 * Hands the server's thread back to the event loop for one turn. better-sqlite3 answers within
 * the same turn, so a request that reads and computes runs as one block unless it yields: split at
 * such points, timers, other requests and I/O run in between.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
