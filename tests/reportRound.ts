/** The benchlearning round the report tests, the access matrix and the leak test share: the demo jobcenter's ring. */
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';

export const REPORT_ROUND = 'E2E-Berichtsrunde';
export const REPORT_RING = 'Vergleichsring Optionskommunen';

function roundCli(args: string[]): string {
	return execFileSync('npx', ['tsx', 'src/cli/round.ts', ...args], {
		env: { ...process.env, DATABASE_PATH: process.env.E2E_DB },
		stdio: ['pipe', 'pipe', 'pipe']
	}).toString();
}

function ensure(name: string, closed: boolean): number {
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	const row = sqlite.prepare('select id from round where name = ?').get(name) as
		{ id: number } | undefined;
	sqlite.close();
	if (row) return row.id;
	const id = Number(
		roundCli([
			'create',
			'--name',
			name,
			'--from',
			'2026-01',
			'--to',
			'2026-06',
			'--ring',
			REPORT_RING
		]).trim()
	);
	if (closed) roundCli(['close', String(id)]);
	return id;
}

/** The round's id, created through the CLI on first use; open unless a test closes it. */
export function ensureReportRound(): number {
	return ensure(REPORT_ROUND, false);
}

/** A second round of the same ring, closed at once, so that its pages render from the snapshot. */
export function ensureClosedReportRound(): number {
	return ensure(`${REPORT_ROUND} (abgeschlossen)`, true);
}

/** Fills the demo's practice profiles into most participants of the round, as `npm run seed -- --profiles` does. */
export function ensureDemoProfiles(round: number): void {
	execFileSync('npx', ['tsx', 'src/cli/seed.ts', '--profiles', String(round)], {
		env: { ...process.env, DATABASE_PATH: process.env.E2E_DB },
		stdio: ['pipe', 'pipe', 'pipe']
	});
}
