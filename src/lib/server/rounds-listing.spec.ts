import { describe, expect, it } from 'vitest';
import { createRound, getRound, listRounds, roundChoices, roundPeers, updateRound } from './rounds';
import { PERIOD, register } from './rounds.fixture';

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
