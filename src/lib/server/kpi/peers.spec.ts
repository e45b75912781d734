import { describe, expect, it } from 'vitest';
import { groupName, selectPeers, type PeerCandidate } from './peers';

function jc(id: number, state: string, carrier: string, elb: number, ring: string | null) {
	return { id, code: `0000${id}`, state, carrier, elb, ring };
}

const REGISTER: PeerCandidate[] = [
	jc(1, 'NW', 'gE', 20_000, 'A'),
	jc(2, 'NW', 'zkT', 10_000, 'A'),
	jc(3, 'BY', 'gE', 40_000, null),
	jc(4, 'BY', 'zkT', 25_000, 'B'),
	jc(5, 'NW', 'gE', 80_000, 'A'),
	jc(6, 'HE', 'gE', 5_000, null)
];
const [ONE, , THREE] = REGISTER;
const ids = (group: PeerCandidate[] | null) => group?.map((c) => c.id) ?? null;

describe('selectPeers', () => {
	it('selects ring, carrier, Land and all, the jobcenter included', () => {
		expect(ids(selectPeers(REGISTER, ONE, { type: 'ring' }))).toEqual([1, 2, 5]);
		expect(ids(selectPeers(REGISTER, ONE, { type: 'carrier' }))).toEqual([1, 3, 5, 6]);
		expect(ids(selectPeers(REGISTER, ONE, { type: 'state' }))).toEqual([1, 2, 5]);
		expect(ids(selectPeers(REGISTER, ONE, { type: 'all' }))).toEqual([1, 2, 3, 4, 5, 6]);
	});

	it('has no ring group for a jobcenter without a ring', () => {
		expect(selectPeers(REGISTER, THREE, { type: 'ring' })).toBeNull();
	});

	it('takes the k nearest by log eLb and breaks ties by code', () => {
		// Around 20,000: 25,000 (×1.25), then 10,000 and 40,000 (both ×2, the tie goes to 00002).
		expect(ids(selectPeers(REGISTER, ONE, { type: 'size', k: 2 }))).toEqual([1, 2, 4]);
		expect(ids(selectPeers(REGISTER, ONE, { type: 'size', k: 3 }))).toEqual([1, 2, 3, 4]);
		expect(ids(selectPeers(REGISTER, ONE, { type: 'size' }))).toHaveLength(6);
	});

	it('takes a round’s participants and only for a participant', () => {
		const round = { type: 'round' as const, id: 7, members: [3, 1, 6] };
		expect(ids(selectPeers(REGISTER, ONE, round))).toEqual([1, 3, 6]);
		expect(selectPeers(REGISTER, REGISTER[1], round)).toBeNull();
		expect(groupName(round)).toBe('round:7');
		expect(groupName({ type: 'size' })).toBe('size');
	});

	it('is a group of one when nobody else matches', () => {
		expect(ids(selectPeers(REGISTER, REGISTER[5], { type: 'state' }))).toEqual([6]);
		expect(ids(selectPeers([], ONE, { type: 'all' }))).toEqual([1]);
	});
});
