import { describe, expect, it } from 'vitest';
import type { Viewer } from '$lib/server/auth/authorise';
import { participantOf, readableParticipants, readParticipant, roundReader } from './rounds';

const participants = [
	{ id: 1, code: '00001' },
	{ id: 2, code: '00002' }
];
const viewer = (role: Viewer['role'], jobcenterId: number | null = null): Viewer => ({
	userId: 7,
	email: 'x@demo.test',
	role,
	jobcenterId,
	locale: null
});

describe('roundReader', () => {
	it('lets analysts and admins open every round, a jobcenter user only one it takes part in', () => {
		expect(roundReader(viewer('analyst'), participants)).toEqual({ all: true, own: null });
		expect(roundReader(viewer('admin'), participants)?.all).toBe(true);
		expect(roundReader(viewer('jobcenter', 2), participants)).toEqual({
			all: false,
			own: participants[1]
		});
		expect(roundReader(viewer('jobcenter', 3), participants)).toBeNull();
		expect(roundReader(viewer('jobcenter', null), participants)).toBeNull();
	});

	it('refuses a round that does not exist, whoever asks', () => {
		expect(roundReader(viewer('analyst'), null)).toBeNull();
	});
});

describe('readParticipant', () => {
	const jobcenter = roundReader(viewer('jobcenter', 1), participants)!;
	const analyst = roundReader(viewer('analyst'), participants)!;

	it('gives a jobcenter user its own participant, asked for or not, and no other', () => {
		expect(readParticipant(jobcenter, participants, null)).toBe(participants[0]);
		expect(readParticipant(jobcenter, participants, '00001')).toBe(participants[0]);
		expect(readParticipant(jobcenter, participants, '00002')).toBe('forbidden');
		expect(readParticipant(jobcenter, participants, '99999')).toBe('forbidden');
	});

	it('gives analysts the participant they name, none without a code', () => {
		expect(readParticipant(analyst, participants, '00002')).toBe(participants[1]);
		expect(readParticipant(analyst, participants, null)).toBeNull();
		expect(readParticipant(analyst, participants, '99999')).toBe('not_participant');
	});
});

describe('participantOf and readableParticipants', () => {
	it('finds a jobcenter among the participants by id, and none for another or no jobcenter', () => {
		expect(participantOf(participants, 2)).toBe(participants[1]);
		expect(participantOf(participants, 3)).toBeNull();
		expect(participantOf(participants, null)).toBeNull();
	});

	it('gives analysts every row and a jobcenter user only its own', () => {
		const analyst = roundReader(viewer('analyst'), participants)!;
		expect(readableParticipants(analyst, participants)).toEqual(participants);
		const jobcenter = roundReader(viewer('jobcenter', 2), participants)!;
		expect(readableParticipants(jobcenter, participants)).toEqual([participants[1]]);
	});
});
