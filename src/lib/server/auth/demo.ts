/** The two demo accounts: created with the demo data, listed on the login page, disabled whenever demo mode is off. */
import type { DB } from '$lib/server/db';
import { createUser } from './users';

export const DEMO_ACCOUNTS = [
	{ email: 'analyst@demo.test', password: 'demo-analyst', role: 'analyst', jobcenterCode: null },
	{
		email: 'jobcenter@demo.test',
		password: 'demo-jobcenter',
		role: 'jobcenter',
		jobcenterCode: '05754'
	}
] as const;

export async function createDemoAccounts(db: DB): Promise<void> {
	for (const account of DEMO_ACCOUNTS) await createUser(db, { ...account });
}

/**
 * Their passwords are public, so outside demo mode they must not open anything; back in demo mode
 * they open again. Returns how many accounts changed.
 */
export async function setDemoAccountsEnabled(db: DB, enabled: boolean): Promise<number> {
	const result = await db
		.updateTable('app_user')
		.set({ disabled_at: enabled ? null : new Date().toISOString() })
		.where(
			'email',
			'in',
			DEMO_ACCOUNTS.map((a) => a.email)
		)
		.where('disabled_at', enabled ? 'is not' : 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}
