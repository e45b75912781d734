/** What a record id in a URL may be: a positive 32-bit integer in decimal, like SQLite's rowids in practice. Shared by the server and the route matcher. */

export const ID_MAX = 2 ** 31 - 1;

/** The id `value` names, or null when it cannot be one. */
export function idOf(value: string): number | null {
	return /^\d{1,10}$/.test(value) && Number(value) >= 1 && Number(value) <= ID_MAX
		? Number(value)
		: null;
}
