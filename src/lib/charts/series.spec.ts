import { describe, expect, it } from 'vitest';
import { toSeries } from './series';

describe('toSeries', () => {
	const rows = [
		{ c: 'instagram', m: '2026-02', v: 5 },
		{ c: 'facebook', m: '2026-01', v: 10 },
		{ c: 'facebook', m: '2026-03', v: 30 }
	];
	const order = [
		{ id: 'facebook', name: 'Facebook' },
		{ id: 'x', name: 'X' },
		{ id: 'instagram', name: 'Instagram' }
	];

	it('keeps the catalogue order, drops series without rows and fills gaps with null', () => {
		const series = toSeries(
			rows,
			['2026-01', '2026-02', '2026-03'],
			(r) => r.c,
			(r) => r.m,
			(r) => r.v,
			order
		);
		expect(series).toEqual([
			{
				id: 'facebook',
				name: 'Facebook',
				points: [
					{ month: '2026-01', value: 10 },
					{ month: '2026-02', value: null },
					{ month: '2026-03', value: 30 }
				]
			},
			{
				id: 'instagram',
				name: 'Instagram',
				points: [
					{ month: '2026-01', value: null },
					{ month: '2026-02', value: 5 },
					{ month: '2026-03', value: null }
				]
			}
		]);
	});
});
