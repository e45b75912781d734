/**
 * One-shot tokens for the PDF command line: a random token opens one round's report page once, for a
 * minute, with an analyst's view; only its SHA-256 is stored, and it is deleted on first use.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DB } from '$lib/server/db';
import type { Viewer } from './authorise';

export const TOKEN_PARAM = 'einmal';
const REPORT_PATH = /^\/runden\/(\d+)\/bericht$/;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createReportToken(
	db: DB,
	roundId: number,
	ttlMs = 60_000,
	now = Date.now()
): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	await db
		.insertInto('report_token')
		.values({ id: hash(token), round_id: roundId, expires_at: now + ttlMs })
		.execute();
	return token;
}

/** The viewer a token in the URL stands for, or null; the token is used up either way. */
export async function redeemReportToken(
	db: DB,
	url: URL,
	now = Date.now()
): Promise<Viewer | null> {
	const token = url.searchParams.get(TOKEN_PARAM);
	const path = REPORT_PATH.exec(url.pathname);
	if (!token || !path) return null;
	const row = await db
		.deleteFrom('report_token')
		.where('id', '=', hash(token))
		.returning(['round_id', 'expires_at'])
		.executeTakeFirst();
	await db.deleteFrom('report_token').where('expires_at', '<', now).execute();
	if (!row || row.expires_at < now || row.round_id !== Number(path[1])) return null;
	return { userId: 0, email: 'pdf', role: 'analyst', jobcenterId: null, locale: 'de' };
}
