import { describe, expect, it } from 'vitest';
import { createRound, getRound, listRounds, updateRound } from './rounds';
import { PERIOD, register } from './rounds.fixture';

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
