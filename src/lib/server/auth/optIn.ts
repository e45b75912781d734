/** A jobcenter's choice to be shown by name to the members of its own ring, logged whenever it changes. */
import type { DB } from '$lib/server/db';
import { audit, type Actor } from './audit';

export async function setShowNameToRing(
	db: DB,
	actor: Actor,
	jobcenterId: number,
	show: boolean
): Promise<void> {
	await db
		.updateTable('jobcenter')
		.set({ show_name_to_ring: show ? 1 : 0 })
		.where('id', '=', jobcenterId)
		.execute();
	await audit(db, actor, show ? 'opt_in' : 'opt_out', `jobcenter ${jobcenterId}`);
}
