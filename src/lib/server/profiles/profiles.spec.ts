import { describe, expect, it } from 'vitest';
import { setShowNameToRing } from '$lib/server/auth/optIn';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { createRandom } from '$lib/server/demo/random';
import { DEMO_JOBCENTERS } from '$lib/server/demo/jobcenters';
import { demoProfile } from '$lib/server/demo/profiles';
import { liveSource } from '$lib/server/kpi/source';
import { form, parse, ParamError } from '$lib/server/params';
import { roundContext } from '$lib/server/report/context';
import { createRound } from '$lib/server/rounds';
import { getProfile, PROFILE_FORM, roundProfiles, saveProfile, visibleProfiles } from './profiles';

const ACTOR = { userId: null, email: 'spec@example.test' };

function formData(fields: Record<string, string | string[]>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) {
		for (const v of [value].flat()) data.append(name, v);
	}
	return data;
}

/**
 * A round of four: Nord 1 and Nord 2 in „Ring Nord“, Süd in „Ring Süd“, Ohne without a ring.
 * Nord 2 and Süd agreed to be named to their ring; everyone but Ohne has a profile.
 */
async function round() {
	const db = await testDatabase();
	const ids = {
		nord1: await addJobcenter(db, '01001', 'Ring Nord'),
		nord2: await addJobcenter(db, '01002', 'Ring Nord'),
		sued: await addJobcenter(db, '08001', 'Ring Süd'),
		ohne: await addJobcenter(db, '09001', null),
		outside: await addJobcenter(db, '09002', 'Ring Nord')
	};
	await setShowNameToRing(db, ACTOR, ids.nord2, true);
	await setShowNameToRing(db, ACTOR, ids.sued, true);
	const created = await createRound(
		db,
		{
			name: 'Runde 2026',
			from: '2026-01',
			to: '2026-06',
			jobcenters: ['01001', '01002', '08001', '09001']
		},
		'spec'
	);
	if (!created.ok) throw new Error(JSON.stringify(created.problems));
	for (const id of [ids.nord1, ids.nord2, ids.sued]) {
		const values = parse(
			formData({ goals: ['image'], worked: `Beiträge von ${id}` }),
			PROFILE_FORM
		);
		await saveProfile(db, ACTOR, created.id, id, values);
	}
	const context = (await roundContext(db, liveSource(db), created.id))!;
	const profiles = await roundProfiles(db, created.id);
	const pseudonym = (id: number) => context.participants.find((p) => p.id === id)!.pseudonym;
	return { db, ids, id: created.id, context, profiles, pseudonym };
}

const labels = (shown: { label: string; own: boolean }[]) => shown.map((s) => [s.label, s.own]);

describe('who sees which profile under which name', () => {
	it('shows analysts every profile by name', async () => {
		const { context, profiles } = await round();
		const shown = visibleProfiles(context.participants, profiles, { all: true, jobcenterId: null });
		expect(labels(shown)).toEqual([
			['Jobcenter 01001', false],
			['Jobcenter 01002', false],
			['Jobcenter 08001', false]
		]);
	});

	it('shows a member its own by name, a ring mate who opted in by name, everyone else by pseudonym', async () => {
		const { context, profiles, ids, pseudonym } = await round();
		const shown = visibleProfiles(context.participants, profiles, {
			all: false,
			jobcenterId: ids.nord1
		});
		expect(shown[0]).toMatchObject({ label: 'Jobcenter 01001', own: true, named: true });
		expect(labels(shown.slice(1)).sort()).toEqual(
			[
				['Jobcenter 01002', false],
				// Süd opted in, but to its own ring, not to Nord.
				[pseudonym(ids.sued), false]
			].sort()
		);
		expect(shown.find((s) => s.label === pseudonym(ids.sued))?.named).toBe(false);
	});

	it('names nobody else to a member without a ring, and nothing to a jobcenter outside the round', async () => {
		const { context, profiles, ids, pseudonym } = await round();
		const ohne = visibleProfiles(context.participants, profiles, {
			all: false,
			jobcenterId: ids.ohne
		});
		expect(labels(ohne).sort()).toEqual(
			[ids.nord1, ids.nord2, ids.sued].map((id) => [pseudonym(id), false]).sort()
		);
		expect(ohne.every((s) => !s.named)).toBe(true);
		expect(
			visibleProfiles(context.participants, profiles, { all: false, jobcenterId: ids.outside })
		).toEqual([]);
	});

	it('follows a withdrawn opt-in at once', async () => {
		const { db, id, ids, pseudonym } = await round();
		await setShowNameToRing(db, ACTOR, ids.nord2, false);
		const context = (await roundContext(db, liveSource(db), id))!;
		const shown = visibleProfiles(context.participants, await roundProfiles(db, id), {
			all: false,
			jobcenterId: ids.nord1
		});
		expect(shown.map((s) => s.label)).toContain(pseudonym(ids.nord2));
		expect(shown.map((s) => s.label)).not.toContain('Jobcenter 01002');
	});
});

describe('the profile form', () => {
	it('stores what was sent and reads it back, line breaks and channels included', async () => {
		const { db, id, ids } = await round();
		const sent = formData({
			goals: ['apprenticeships', 'service'],
			target_groups: 'Jugendliche\r\nAlleinerziehende  ',
			channel_instagram: 'Ausbildung in Reels',
			channel_facebook: '',
			team_people: '3',
			team_hours: '20',
			reply_hours: '24',
			reply_weekends: 'nein'
		});
		await saveProfile(db, ACTOR, id, ids.ohne, parse(sent, PROFILE_FORM));
		expect(await getProfile(db, id, ids.ohne)).toMatchObject({
			goals: ['service', 'apprenticeships'],
			targetGroups: 'Jugendliche\nAlleinerziehende',
			channels: [{ id: 'instagram', purpose: 'Ausbildung in Reels' }],
			teamPeople: 3,
			teamHours: 20,
			replyHours: 24,
			replyWeekends: false,
			moderation: ''
		});
	});

	it('refuses an unknown goal, a too long text and a wrong number, naming the field', () => {
		const cases: [Record<string, string | string[]>, string][] = [
			[{ goals: ['image', 'reichweite'] }, 'goals'],
			[{ worked: 'x'.repeat(2001) }, 'worked'],
			[{ channel_tiktok: 'y'.repeat(301) }, 'channel_tiktok'],
			[{ reply_hours: '-3' }, 'reply_hours'],
			[{ team_people: '1,5' }, 'team_people'],
			[{ reply_weekends: 'manchmal' }, 'reply_weekends'],
			[{ goals: Array.from({ length: 50 }, (_, i) => `g${i}`) }, 'goals']
		];
		for (const [fields, field] of cases) {
			const read = form(formData(fields), PROFILE_FORM);
			expect(read).toMatchObject({ ok: false, field });
		}
		expect(() => parse(formData({ tools: 'z'.repeat(601) }), PROFILE_FORM)).toThrow(ParamError);
		expect(form(formData({ goals: 'reichweite' }), PROFILE_FORM)).toMatchObject({
			message: expect.stringContaining('„reichweite“ ist keines der Ziele zur Auswahl.')
		});
	});

	it('accepts every demo profile, and the demo texts name no jobcenter', () => {
		const random = createRandom(7);
		for (let i = 0; i < 50; i++) {
			const profile = demoProfile(random);
			const data = formData(
				Object.fromEntries(
					Object.entries(profile).map(([k, v]) => [
						k,
						Array.isArray(v) ? v : v === null ? '' : String(v)
					])
				)
			);
			expect(parse(data, PROFILE_FORM)).toEqual(profile);
			// A name in the text would undo the pseudonym of every profile it stands in.
			const text = JSON.stringify(profile);
			expect(DEMO_JOBCENTERS.filter((j) => text.includes(j.name) || text.includes(j.code))).toEqual(
				[]
			);
		}
	});
});
