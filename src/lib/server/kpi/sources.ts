/** Which DataSource a page or report reads: the live tables, or a closed round's frozen copy. The choice is made here only. */
import type { DB } from '$lib/server/db';
import { CLOSED } from '$lib/server/lifecycle';
import { snapshotSource } from './snapshot';
import { liveSource } from './source';
import type { DataSource } from './types';

const live = new WeakMap<DB, DataSource>();

/** The live tables behind their cache, one instance per database for the life of the process, so that all pages share the cache. */
export function liveSourceOf(db: DB): DataSource {
	let source = live.get(db);
	if (!source) live.set(db, (source = liveSource(db)));
	return source;
}

/**
 * A closed round is read from its frozen copy (participants as they were, their rows then);
 * no round, an open one, or a closed one without a copy from `current`, the live tables.
 */
export async function sourceFor(
	db: DB,
	round?: { id: number; status: string } | null,
	current: DataSource = liveSourceOf(db)
): Promise<DataSource> {
	if (!round || round.status !== CLOSED) return current;
	return (await snapshotSource(db, round.id)) ?? current;
}
