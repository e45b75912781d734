import { describe, expect, it } from 'vitest';
import { openDatabase, sqliteOf } from '$lib/server/db';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { dataVersion } from './version';

describe('dataVersion', () => {
	it('stays as it is when this connection writes only what no KPI reads: sign-ins, audit entries', async () => {
		const db = await testDatabase();
		const before = await dataVersion(db);
		await db.insertInto('login_failure').values({ key: 'mail@jobcenter.de', at: 1 }).execute();
		await db
			.insertInto('audit_log')
			.values({ user_id: null, actor: 'mail@jobcenter.de', action: 'login' })
			.execute();
		expect(await dataVersion(db)).toBe(before);
	});

	it('changes with each of this connection’s writes to the tables the KPIs read', async () => {
		const db = await testDatabase();
		const seen = [await dataVersion(db)];
		const id = await addJobcenter(db, '05754');
		seen.push(await dataVersion(db));
		await db
			.insertInto('monthly_metric')
			.values({ jobcenter_id: id, channel_id: 'facebook', month: '2026-01', posts: 3 })
			.execute();
		seen.push(await dataVersion(db));
		await db.updateTable('monthly_metric').set({ posts: 4 }).execute();
		seen.push(await dataVersion(db));
		await db.deleteFrom('monthly_metric').execute();
		seen.push(await dataVersion(db));
		await db.updateTable('jobcenter').set({ ring: null }).execute();
		seen.push(await dataVersion(db));
		expect(new Set(seen).size).toBe(seen.length);
	});

	it('changes when another connection commits, as an import worker does', async () => {
		const db = await testDatabase();
		const id = await addJobcenter(db, '05754');
		const before = await dataVersion(db);
		const other = openDatabase(sqliteOf(db).name);
		try {
			await other
				.insertInto('monthly_metric')
				.values({ jobcenter_id: id, channel_id: 'facebook', month: '2026-01', posts: 3 })
				.execute();
		} finally {
			await other.destroy();
		}
		expect(await dataVersion(db)).not.toBe(before);
	});
});
