import { describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { sqliteOf } from '$lib/server/db';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { login } from './login';
import { createSession, deleteSession, idleMinutes, validateSession } from './sessions';
import { ADDRESS_DELAY_MS, MAX_FAILURES, MAX_FAILURES_PER_ADDRESS } from './throttle';
import { changePassword, createUser, resetPassword, setDisabled, UserError } from './users';
import { setShowNameToRing } from './optIn';
import { createDemoAccounts, setDemoAccountsEnabled } from './demo';

const PASSWORD = 'richtig-geheim';

describe('users', () => {
	it('stores an argon2id hash, never the password, and a normalised e-mail', async () => {
		const db = await testDatabase();
		await createUser(db, { email: ' Ana@Example.DE ', role: 'analyst', password: PASSWORD });
		const user = await db.selectFrom('app_user').selectAll().executeTakeFirstOrThrow();
		expect(user.email).toBe('ana@example.de');
		expect(user.password_hash).toMatch(/^\$argon2id\$/);
		expect(user.password_hash).not.toContain(PASSWORD);
	});

	it('refuses bad input with a message that says what to do', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		const create = (u: object) =>
			createUser(db, { email: 'x@y.de', role: 'analyst', password: PASSWORD, ...u });
		await expect(create({ email: 'kein-at' })).rejects.toThrow(UserError);
		await expect(create({ role: 'chef' })).rejects.toThrow(/Rolle „chef“/);
		await expect(create({ role: 'jobcenter' })).rejects.toThrow(/Kennung seines Jobcenters/);
		await expect(create({ role: 'jobcenter', jobcenterCode: '99999' })).rejects.toThrow(/„99999“/);
		await expect(create({ jobcenterCode: '05754' })).rejects.toThrow(
			/Nur Konten mit der Rolle jobcenter/
		);
		await expect(create({ password: 'kurz' })).rejects.toThrow(/mindestens 10 Zeichen/);
		await create({});
		await expect(create({ email: 'X@Y.de' })).rejects.toThrow(/schon ein Konto/);
		expect(await db.selectFrom('app_user').select('email').execute()).toEqual([
			{ email: 'x@y.de' }
		]);
	});
});

describe('login and sessions', () => {
	async function setup() {
		const db = await testDatabase();
		const jobcenterId = await addJobcenter(db, '05754');
		await createUser(db, {
			email: 'jc@example.de',
			role: 'jobcenter',
			jobcenterCode: '05754',
			password: PASSWORD
		});
		return { db, jobcenterId };
	}

	it('opens a session that names the viewer and its jobcenter', async () => {
		const { db, jobcenterId } = await setup();
		const result = await login(db, 'JC@example.de', PASSWORD, '10.0.0.1');
		expect(result.ok).toBe(true);
		const viewer = await validateSession(db, (result as { token: string }).token);
		expect(viewer).toMatchObject({ email: 'jc@example.de', role: 'jobcenter', jobcenterId });
		const log = await db.selectFrom('audit_log').select(['actor', 'action']).execute();
		expect(log).toEqual([{ actor: 'jc@example.de', action: 'login' }]);
	});

	it('answers a wrong password and an unknown account alike, and logs both', async () => {
		const { db } = await setup();
		expect(await login(db, 'jc@example.de', 'falsch-falsch', '10.0.0.1')).toEqual({
			ok: false,
			reason: 'failed'
		});
		expect(await login(db, 'nobody@example.de', PASSWORD, '10.0.0.1')).toEqual({
			ok: false,
			reason: 'failed'
		});
		const actions = await db.selectFrom('audit_log').select('action').execute();
		expect(actions.map((a) => a.action)).toEqual(['login_failed', 'login_failed']);
	});

	it('throttles an account after too many failures, even with the right password, from any address', async () => {
		const { db } = await setup();
		for (let i = 0; i < MAX_FAILURES; i++)
			await login(db, 'jc@example.de', 'falsch-falsch', `10.0.0.${i}`);
		const result = await login(db, 'jc@example.de', PASSWORD, '10.9.9.9');
		expect(result).toMatchObject({ ok: false, reason: 'throttled' });
		expect((result as { waitMinutes: number }).waitMinutes).toBe(15);
	});

	it('slows an address after many failures, yet a right password from it still signs in', async () => {
		const { db } = await setup();
		const pauses: number[] = [];
		const pause = async (ms: number) => void pauses.push(ms);
		const from = (address: string, email: string, password: string) =>
			login(db, email, password, address, pause);
		for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++)
			await from('10.6.6.6', `guess${i}@example.de`, 'x');
		expect(pauses).toEqual([]);

		// Over the limit: every try waits first, then its password is checked like any other.
		expect(await from('10.6.6.6', 'jc@example.de', PASSWORD)).toMatchObject({ ok: true });
		expect(await from('10.6.6.6', 'another-guess@example.de', 'x')).toEqual({
			ok: false,
			reason: 'failed'
		});
		expect(pauses).toEqual([ADDRESS_DELAY_MS, ADDRESS_DELAY_MS]);
		expect(await from('10.0.0.2', 'jc@example.de', PASSWORD)).toMatchObject({ ok: true });
		expect(pauses).toHaveLength(2);
		const notes = await db.selectFrom('audit_log').select('detail').orderBy('id').execute();
		expect(notes.at(-2)?.detail).toBe('unknown account, address 10.6.6.6, address slowed');
	});

	it('keeps the account limit when the address is slowed too', async () => {
		const { db } = await setup();
		const pause = async () => {};
		for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++)
			await login(db, `guess${i}@example.de`, 'x', '10.6.6.6', pause);
		for (let i = 0; i < MAX_FAILURES; i++)
			await login(db, 'jc@example.de', 'falsch-falsch', '10.6.6.6', pause);
		expect(await login(db, 'jc@example.de', PASSWORD, '10.6.6.6', pause)).toMatchObject({
			ok: false,
			reason: 'throttled'
		});
	});

	it('ends a session after the idle time, and keeps extending it while in use', async () => {
		const { db } = await setup();
		const start = 1_800_000_000_000;
		const user = await db.selectFrom('app_user').select('id').executeTakeFirstOrThrow();
		const token = await createSession(db, user.id, start);
		const idle = idleMinutes() * 60_000;
		expect(await validateSession(db, token, start + idle - 1000)).not.toBeNull();
		// That use pushed the end forward: almost another idle time later it still holds.
		expect(await validateSession(db, token, start + 2 * idle - 2000)).not.toBeNull();
		expect(await validateSession(db, token, start + 3 * idle)).toBeNull();
		expect(await db.selectFrom('session').selectAll().execute()).toEqual([]);
	});

	it('extends a session later instead of waiting while an upload holds the write lock', async () => {
		const { db } = await setup();
		const start = 1_800_000_000_000;
		const user = await db.selectFrom('app_user').select('id').executeTakeFirstOrThrow();
		const token = await createSession(db, user.id, start);
		const idle = idleMinutes() * 60_000;
		const expiresAt = async () =>
			(await db.selectFrom('session').select('expires_at').executeTakeFirstOrThrow()).expires_at;
		const upload = new SQLite(sqliteOf(db).name);
		upload.exec('begin immediate');
		expect(await validateSession(db, token, start + idle / 2)).not.toBeNull();
		expect(await expiresAt()).toBe(start + idle);
		upload.exec('rollback');
		upload.close();
		expect(await validateSession(db, token, start + idle / 2)).not.toBeNull();
		expect(await expiresAt()).toBe(start + idle / 2 + idle);
		expect(sqliteOf(db).pragma('busy_timeout', { simple: true })).toBe(5000);
	});

	it('ends the session at logout', async () => {
		const { db } = await setup();
		const result = (await login(db, 'jc@example.de', PASSWORD, '10.0.0.1')) as { token: string };
		await deleteSession(db, result.token);
		expect(await validateSession(db, result.token)).toBeNull();
	});

	it('shuts a disabled user out at once and lets them in again once enabled', async () => {
		const { db } = await setup();
		const result = (await login(db, 'jc@example.de', PASSWORD, '10.0.0.1')) as { token: string };
		await setDisabled(db, 'jc@example.de', true);
		expect(await validateSession(db, result.token)).toBeNull();
		expect(await login(db, 'jc@example.de', PASSWORD, '10.0.0.1')).toEqual({
			ok: false,
			reason: 'failed'
		});
		await setDisabled(db, 'jc@example.de', false);
		expect(await login(db, 'jc@example.de', PASSWORD, '10.0.0.1')).toMatchObject({ ok: true });
	});

	it('changes a password only with the current one, and a reset ends all sessions', async () => {
		const { db } = await setup();
		const user = await db.selectFrom('app_user').select('id').executeTakeFirstOrThrow();
		await expect(changePassword(db, user.id, 'falsch-falsch', 'neues-passwort')).rejects.toThrow(
			/bisherige/
		);
		await changePassword(db, user.id, PASSWORD, 'neues-passwort');
		expect(await login(db, 'jc@example.de', PASSWORD, '10.0.0.1')).toMatchObject({ ok: false });
		const result = (await login(db, 'jc@example.de', 'neues-passwort', '10.0.0.1')) as {
			token: string;
		};
		await resetPassword(db, 'jc@example.de', 'vom-admin-gesetzt');
		expect(await validateSession(db, result.token)).toBeNull();
	});
});

describe('opt-in', () => {
	it('records the choice and each change in the audit log', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const actor = { userId: 1, email: 'jc@example.de' };
		await setShowNameToRing(db, actor, id, true);
		expect(
			(await db.selectFrom('jobcenter').select('show_name_to_ring').executeTakeFirstOrThrow())
				.show_name_to_ring
		).toBe(1);
		await setShowNameToRing(db, actor, id, false);
		expect(
			(await db.selectFrom('jobcenter').select('show_name_to_ring').executeTakeFirstOrThrow())
				.show_name_to_ring
		).toBe(0);
		const log = await db
			.selectFrom('audit_log')
			.select(['actor', 'action', 'detail'])
			.orderBy('id')
			.execute();
		expect(log).toEqual([
			{ actor: 'jc@example.de', action: 'opt_in', detail: `jobcenter ${id}` },
			{ actor: 'jc@example.de', action: 'opt_out', detail: `jobcenter ${id}` }
		]);
	});
});

describe('demo accounts', () => {
	it('are shut outside demo mode and open again in demo mode', async () => {
		const db = await testDatabase();
		await addJobcenter(db, '05754');
		await createDemoAccounts(db);
		expect(await setDemoAccountsEnabled(db, false)).toBe(2);
		expect(await login(db, 'analyst@demo.test', 'demo-analyst', '10.0.0.1')).toEqual({
			ok: false,
			reason: 'failed'
		});
		expect(await setDemoAccountsEnabled(db, false)).toBe(0);
		expect(await setDemoAccountsEnabled(db, true)).toBe(2);
		expect(await login(db, 'analyst@demo.test', 'demo-analyst', '10.0.0.1')).toMatchObject({
			ok: true
		});
	});
});
