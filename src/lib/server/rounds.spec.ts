import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { createRound, getRound, listRounds, roundChoices, roundPeers, updateRound } from './rounds';

async function register() {
	const db = await testDatabase();
	const ids = {
		a: await addJobcenter(db, '00001', 'Ring Nord'),
		b: await addJobcenter(db, '00002', 'Ring Nord'),
		c: await addJobcenter(db, '00003', 'Ring Süd'),
		d: await addJobcenter(db, '00004', null),
		gone: await addJobcenter(db, '00005', 'Ring Nord')
	};
	await db.updateTable('jobcenter').set({ active: 0 }).where('id', '=', ids.gone).execute();
	return { db, ids };
}

const PERIOD = { name: 'Frühjahr 2026', from: '2026-01', to: '2026-06' };

describe('createRound', () => {
	it('takes the active members of a ring at the time of creation', async () => {
		const { db, ids } = await register();
		const result = await createRound(db, { ...PERIOD, ring: 'Ring Nord' }, 'analyst@test.example');
		expect(result).toEqual({ ok: true, id: expect.any(Number) });
		if (!result.ok) return;
		// Joining the ring later does not change the round.
		await db.updateTable('jobcenter').set({ ring: 'Ring Nord' }).where('id', '=', ids.d).execute();
		const round = await getRound(db, result.id);
		expect(round).toMatchObject({
			...{ name: 'Frühjahr 2026', from: '2026-01', to: '2026-06', status: 'open' },
			createdBy: 'analyst@test.example'
		});
		expect(round?.participants.map((p) => p.code)).toEqual(['00001', '00002']);
	});

	it('takes explicit codes, ignoring blanks and repeats, and trims the name', async () => {
		const { db } = await register();
		const input = { ...PERIOD, name: '  Runde A ', jobcenters: ['00003', ' 00001', '', '00003'] };
		const result = await createRound(db, input, 'cli');
		const round = result.ok ? await getRound(db, result.id) : null;
		expect(round?.name).toBe('Runde A');
		expect(round?.participants.map((p) => p.code)).toEqual(['00001', '00003']);
	});

	it('answers invalid input with one German sentence per field and saves nothing', async () => {
		const { db } = await register();
		const result = await createRound(
			db,
			{ name: ' ', from: '2026-13', to: 'Juni', jobcenters: [] },
			'cli'
		);
		expect(result).toEqual({
			ok: false,
			problems: [
				{ field: 'name', message: 'Bitte geben Sie der Runde einen Namen.' },
				{
					field: 'from',
					message:
						'Der erste Monat „2026-13“ ist kein Monat im Format JJJJ-MM (zum Beispiel 2026-01).'
				},
				{
					field: 'to',
					message:
						'Der letzte Monat „Juni“ ist kein Monat im Format JJJJ-MM (zum Beispiel 2026-12).'
				},
				{
					field: 'members',
					message: 'Bitte wählen Sie einen Vergleichsring oder mindestens ein Jobcenter.'
				}
			]
		});
		expect(await listRounds(db)).toEqual([]);
	});

	it.each([
		[
			{ from: '2026-06', to: '2026-01', ring: 'Ring Nord' },
			'to',
			'Der erste Monat (2026-06) liegt nach dem letzten Monat (2026-01).'
		],
		[
			{ jobcenters: ['00001', '99999', '88888'] },
			'members',
			'Diese Jobcenter-Kennungen gibt es nicht: 99999, 88888.'
		],
		[
			{ ring: 'Ring West' },
			'members',
			'Den Vergleichsring „Ring West“ gibt es nicht, oder er hat keine aktiven Mitglieder.'
		],
		[
			{ ring: 'Ring Nord', jobcenters: ['00003'] },
			'members',
			'Bitte wählen Sie entweder einen Vergleichsring oder einzelne Jobcenter, nicht beides.'
		],
		[
			{ from: '0001-01', to: '9999-12', ring: 'Ring Nord' },
			'from',
			'Der Zeitraum beginnt zu früh. Bitte wählen Sie einen Anfangsmonat ab 2010-01.'
		],
		[
			{ from: '2010-01', to: '2020-01', ring: 'Ring Nord' },
			'to',
			'Der Zeitraum ist zu lang. Bitte wählen Sie höchstens 120 Monate (10 Jahre).'
		],
		[
			{ name: 'x'.repeat(121), ring: 'Ring Nord' },
			'name',
			'Der Name darf höchstens 120 Zeichen lang sein.'
		]
	])('rejects %o', async (change, field, message) => {
		const { db } = await register();
		const result = await createRound(db, { ...PERIOD, ...change }, 'cli');
		expect(result).toEqual({ ok: false, problems: [{ field, message }] });
	});
});

describe('updateRound', () => {
	it('replaces name, period and participants', async () => {
		const { db } = await register();
		const created = await createRound(db, { ...PERIOD, ring: 'Ring Nord' }, 'cli');
		if (!created.ok) throw new Error('not created');
		const change = {
			name: 'Sommer',
			from: '2026-04',
			to: '2026-09',
			jobcenters: ['00003', '00004']
		};
		expect(await updateRound(db, created.id, change)).toEqual({ ok: true, id: created.id });
		const round = await getRound(db, created.id);
		expect(round).toMatchObject({ name: 'Sommer', from: '2026-04', to: '2026-09' });
		expect(round?.participants.map((p) => p.code)).toEqual(['00003', '00004']);
	});

	it('keeps the round as it was when the change is invalid', async () => {
		const { db } = await register();
		const created = await createRound(db, { ...PERIOD, ring: 'Ring Nord' }, 'cli');
		if (!created.ok) throw new Error('not created');
		const result = await updateRound(db, created.id, {
			...PERIOD,
			name: '',
			jobcenters: ['00003']
		});
		expect(result.ok).toBe(false);
		expect((await getRound(db, created.id))?.participants).toHaveLength(2);
	});

	it('refuses an unknown and a closed round', async () => {
		const { db } = await register();
		expect(await updateRound(db, 42, { ...PERIOD, ring: 'Ring Nord' })).toEqual({
			ok: false,
			problems: [{ field: 'round', message: 'Die Runde 42 gibt es nicht.' }]
		});
		const created = await createRound(db, { ...PERIOD, ring: 'Ring Nord' }, 'cli');
		if (!created.ok) throw new Error('not created');
		await db.updateTable('round').set({ status: 'closed' }).execute();
		expect(await updateRound(db, created.id, { ...PERIOD, ring: 'Ring Süd' })).toEqual({
			ok: false,
			problems: [
				{
					field: 'round',
					message:
						'Die Runde „Frühjahr 2026“ ist abgeschlossen und kann nicht mehr geändert werden.'
				}
			]
		});
	});
});

describe('listing and reading rounds', () => {
	it('lists rounds with their number of participants, the latest period first', async () => {
		const { db } = await register();
		await createRound(db, { ...PERIOD, name: 'Alt', to: '2026-03', ring: 'Ring Nord' }, 'cli');
		await createRound(db, { ...PERIOD, name: 'Neu', jobcenters: ['00004'] }, 'cli');
		const rounds = await listRounds(db);
		expect(rounds.map((r) => [r.name, r.from, r.to, r.members])).toEqual([
			['Neu', '2026-01', '2026-06', 1],
			['Alt', '2026-01', '2026-03', 2]
		]);
	});

	it('gives a round as the engine’s peer group, and null for an unknown one', async () => {
		const { db, ids } = await register();
		const created = await createRound(db, { ...PERIOD, ring: 'Ring Nord' }, 'cli');
		if (!created.ok) throw new Error('not created');
		expect(await roundPeers(db, created.id)).toEqual({
			type: 'round',
			id: created.id,
			members: [ids.a, ids.b]
		});
		expect(await roundPeers(db, 99)).toBeNull();
		expect(await getRound(db, 99)).toBeNull();
	});

	it('offers the rings with active members and the active jobcenters', async () => {
		const { db } = await register();
		const choices = await roundChoices(db);
		expect(choices.rings).toEqual(['Ring Nord', 'Ring Süd']);
		expect(choices.jobcenters.map((j) => j.code)).toEqual(['00001', '00002', '00003', '00004']);
	});

	it('refuses a reversed period and an empty name in the database itself', async () => {
		const { db } = await register();
		const insert = (values: { name: string; from_month: string; to_month: string }) =>
			db
				.insertInto('round')
				.values({ ...values, created_by: 'cli' })
				.execute();
		await expect(insert({ name: 'x', from_month: '2026-05', to_month: '2026-01' })).rejects.toThrow(
			/CHECK/
		);
		await expect(insert({ name: ' ', from_month: '2026-01', to_month: '2026-01' })).rejects.toThrow(
			/CHECK/
		);
		await expect(insert({ name: 'x', from_month: '2026-1', to_month: '2026-01' })).rejects.toThrow(
			/CHECK/
		);
	});
});

describe('a round’s predecessor', () => {
	async function twoRounds() {
		const { db } = await register();
		const ring = 'Ring Nord';
		const first = await createRound(
			db,
			{ name: 'Runde 2025', from: '2025-01', to: '2025-06', ring },
			'cli'
		);
		if (!first.ok) throw new Error('not created');
		const input = {
			name: 'Runde 2026',
			from: '2026-01',
			to: '2026-06',
			ring,
			predecessor: first.id
		};
		const second = await createRound(db, input, 'cli');
		if (!second.ok) throw new Error('not created');
		return { db, first: first.id, second: second.id, ring };
	}

	it('is stored and read back, and an edit can remove it', async () => {
		const { db, first, second, ring } = await twoRounds();
		expect((await getRound(db, second))?.predecessorId).toBe(first);
		expect((await listRounds(db)).map((r) => [r.name, r.predecessorId])).toEqual([
			['Runde 2026', first],
			['Runde 2025', null]
		]);
		const input = { name: 'Runde 2026', from: '2026-01', to: '2026-06', ring, predecessor: null };
		expect(await updateRound(db, second, input)).toEqual({ ok: true, id: second });
		expect((await getRound(db, second))?.predecessorId).toBeNull();
	});

	it('must be another, existing round that ends before this one begins', async () => {
		const { db, first, second, ring } = await twoRounds();
		const edit = (id: number, changes: object) =>
			updateRound(db, id, { name: 'x', from: '2026-01', to: '2026-06', ring, ...changes });
		const problem = async (id: number, changes: object) => {
			const result = await edit(id, changes);
			return result.ok ? null : result.problems;
		};
		expect(await problem(second, { predecessor: second })).toEqual([
			{
				field: 'predecessor',
				message:
					'Eine Runde kann nicht ihre eigene Vorrunde sein. Bitte wählen Sie eine frühere Runde.'
			}
		]);
		expect(await problem(second, { predecessor: 4711 })).toEqual([
			{
				field: 'predecessor',
				message: 'Die gewählte Vorrunde gibt es nicht. Bitte wählen Sie eine Runde aus der Liste.'
			}
		]);
		// Overlapping: the predecessor ends in June 2025, this round would begin in May 2025.
		expect(await problem(second, { from: '2025-05', predecessor: first })).toEqual([
			{
				field: 'predecessor',
				message:
					'Die Vorrunde „Runde 2025“ endet 2025-06, diese Runde beginnt 2025-05. Eine Vorrunde muss enden, bevor die Runde beginnt: Bitte wählen Sie eine frühere Runde oder einen späteren ersten Monat.'
			}
		]);
		// The first round naming its own successor would close a circle.
		expect(await problem(first, { from: '2025-01', to: '2025-06', predecessor: second })).toEqual([
			{
				field: 'predecessor',
				message:
					'Die Runde „Runde 2026“ folgt schon auf diese Runde; als Vorrunde ergäbe sie einen Kreis. Bitte wählen Sie eine frühere Runde.'
			}
		]);
		// Moving the first round past its successor's start is refused as well.
		expect(await problem(first, { from: '2025-07', to: '2026-02', predecessor: null })).toEqual([
			{
				field: 'predecessor',
				message:
					'Die Runde „Runde 2026“ nennt diese Runde als Vorrunde und beginnt 2026-01. Diese Runde muss vorher enden (jetzt 2026-02): Bitte wählen Sie einen früheren letzten Monat.'
			}
		]);
		expect((await getRound(db, first))?.name).toBe('Runde 2025');
		expect((await getRound(db, second))?.predecessorId).toBe(first);
	});

	it('cannot name itself in the database either', async () => {
		const { db, first } = await twoRounds();
		await expect(
			db.updateTable('round').set({ predecessor_id: first }).where('id', '=', first).execute()
		).rejects.toThrow(/CHECK/);
	});
});
