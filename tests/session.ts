/** Signing in from a test, as one of the demo accounts or the admin that the tests create themselves. */
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';

export type Role = 'analyst' | 'jobcenter' | 'admin';

export const ACCOUNTS: Record<Role, { email: string; password: string }> = {
	analyst: { email: 'analyst@demo.test', password: 'demo-analyst' },
	jobcenter: { email: 'jobcenter@demo.test', password: 'demo-jobcenter' },
	admin: { email: 'admin@test.example', password: 'admin-passwort-e2e' }
};

/** Creates the admin account in the test database once (the demo data has none). */
export function ensureAdmin(): void {
	try {
		execFileSync(
			'npx',
			[
				'tsx',
				'src/cli/user.ts',
				'create',
				'--email',
				ACCOUNTS.admin.email,
				'--role',
				'admin',
				'--password-stdin'
			],
			{
				input: ACCOUNTS.admin.password,
				env: { ...process.env, DATABASE_PATH: process.env.E2E_DB },
				stdio: ['pipe', 'pipe', 'pipe']
			}
		);
	} catch (e) {
		if (!String((e as { stderr?: Buffer }).stderr).includes('schon ein Konto')) throw e;
	}
}

export async function signIn(page: Page, role: Role): Promise<void> {
	await page.goto('/anmelden');
	// Filled before hydration, the fields would be emptied by it and the form sent blank.
	await page.waitForLoadState('networkidle');
	await page.getByLabel('E-Mail-Adresse').fill(ACCOUNTS[role].email);
	await page.getByLabel('Passwort').fill(ACCOUNTS[role].password);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await page.waitForURL((url) => url.pathname !== '/anmelden');
}
