import { describe, expect, it } from 'vitest';
import { ID_MAX } from '$lib/ids';
import { match } from './id';

describe('the [id=id] matcher', () => {
	it('takes a record id', () => {
		for (const id of ['1', '12', '0042', String(ID_MAX)]) expect(match(id), id).toBe(true);
	});

	it('refuses what cannot be one, so that the route is a 404 before a load runs', () => {
		for (const bad of [
			'',
			'0',
			'-1',
			'x',
			'1.0',
			'1e3',
			' 1',
			'١٢',
			String(ID_MAX + 1),
			'9'.repeat(30)
		])
			expect(match(bad), bad).toBe(false);
	});
});
