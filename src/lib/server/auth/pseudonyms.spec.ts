import { describe, expect, it } from 'vitest';
import { addJobcenter, testDatabase } from '$lib/server/db/testing';
import { pseudonymLetters, pseudonyms, shuffle } from './pseudonyms';

describe('pseudonymLetters', () => {
	it('counts A … Z, then AA, AB …', () => {
		expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(pseudonymLetters)).toEqual([
			'A',
			'B',
			'Z',
			'AA',
			'AB',
			'AZ',
			'BA',
			'ZZ',
			'AAA'
		]);
	});
});

describe('shuffle', () => {
	it('follows the random source, not the input order', () => {
		// Always picking index 0 moves each last element to the front in turn.
		expect(shuffle([1, 2, 3, 4], () => 0)).toEqual([2, 3, 4, 1]);
	});
});

describe('pseudonyms', () => {
	it('hands out letters in the shuffled order and keeps them when members join or leave', async () => {
		const db = await testDatabase();
		const [a, b, c, d] = [
			await addJobcenter(db, '1'),
			await addJobcenter(db, '2'),
			await addJobcenter(db, '3'),
			await addJobcenter(db, '4')
		];
		const first = await pseudonyms(db, 'round:1', [a, b, c], () => 0);
		// shuffle([a, b, c]) with index 0 each time gives [b, c, a]: b is first and gets A.
		expect([first.get(b), first.get(c), first.get(a)]).toEqual(['A', 'B', 'C']);
		const later = await pseudonyms(db, 'round:1', [c, d]);
		expect(later.get(c)).toBe(first.get(c));
		expect(later.get(d)).toBe('D');
		const other = await pseudonyms(db, 'ring:Nord', [c]);
		expect(other.get(c)).toBe('A');
	});
});
