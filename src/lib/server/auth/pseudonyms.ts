/** Pseudonyms "Jobcenter A, B, … AA" per peer group, stored when first needed and handed out in random order. */
import { randomInt } from 'node:crypto';
import { inTransaction, type DB } from '$lib/server/db';

/** 0 → A, 25 → Z, 26 → AA, 27 → AB: the way spreadsheets name their columns. */
export function pseudonymLetters(position: number): string {
	let letters = '';
	for (let n = position + 1; n > 0; n = Math.floor((n - 1) / 26)) {
		letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	}
	return letters;
}

/** Fisher–Yates with a cryptographic source, so that the order says nothing about code, name, size or values. */
export function shuffle<T>(items: T[], random: (n: number) => number = randomInt): T[] {
	const a = [...items];
	for (let i = a.length - 1; i > 0; i--) {
		const j = random(i + 1);
		[a[i], a[j]] = [a[j], a[i]];
	}
	return a;
}

/** The letters of each member in the group; members without one get the next free ones, in random order. */
export async function pseudonyms(
	db: DB,
	groupKey: string,
	jobcenterIds: number[],
	random?: (n: number) => number
): Promise<Map<number, string>> {
	return inTransaction(db, async (trx) => {
		const stored = await trx
			.selectFrom('pseudonym')
			.select(['jobcenter_id', 'position'])
			.where('group_key', '=', groupKey)
			.execute();
		const known = new Map(stored.map((s) => [s.jobcenter_id, s.position]));
		let next = Math.max(-1, ...stored.map((s) => s.position)) + 1;
		const missing = shuffle(
			[...new Set(jobcenterIds)].filter((id) => !known.has(id)),
			random
		);
		for (const id of missing) {
			await trx
				.insertInto('pseudonym')
				.values({ group_key: groupKey, jobcenter_id: id, position: next })
				.execute();
			known.set(id, next++);
		}
		return new Map(jobcenterIds.map((id) => [id, pseudonymLetters(known.get(id)!)]));
	});
}
