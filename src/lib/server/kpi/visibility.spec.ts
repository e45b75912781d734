import { describe, expect, it } from 'vitest';
import type { Unit } from './catalogue';
import { forHandout, forRole } from './visibility';

const peer = { n: 6, median: 10, p25: 5, p75: 15, min: 1, max: 40, mean: 12 };
const item = (unit: Unit) => ({
	unit,
	value: 12,
	peer,
	percentile: 58.3,
	quartile: 3,
	suppressed: false
});

describe('forRole', () => {
	it('gives analysts and admins everything', () => {
		expect(forRole(item('count'), 'analyst')).toEqual({ ...item('count'), hidden: false });
		expect(forRole(item('pct'), 'admin').peer).toEqual(peer);
	});

	it('takes min and max away from jobcenter users', () => {
		const seen = forRole(item('per_1000_elb'), 'jobcenter');
		expect(seen.peer).toEqual({ n: 6, median: 10, p25: 5, p75: 15, mean: 12 });
		expect(seen.percentile).toBe(58.3);
		expect(seen.hidden).toBe(false);
	});

	it('shows jobcenter users how fast peers answer, since a wait says nothing about size', () => {
		const seen = forRole(item('duration_hours'), 'jobcenter');
		expect(seen).toMatchObject({ hidden: false, quartile: 3 });
		expect(seen.peer).toEqual({ n: 6, median: 10, p25: 5, p75: 15, mean: 12 });
	});

	it('withholds every peer figure of raw counts from jobcenter users, keeping their own value', () => {
		for (const unit of ['count', 'hours', 'fte'] as Unit[]) {
			const seen = forRole(item(unit), 'jobcenter');
			expect(seen).toMatchObject({
				value: 12,
				peer: null,
				percentile: null,
				quartile: null,
				hidden: true
			});
		}
	});
});

describe('forHandout', () => {
	it('shows a normalised KPI with value and quartile, without min and max', () => {
		const seen = forHandout(item('pct'));
		expect(seen).toMatchObject({ value: 12, quartile: 3, percentile: 58.3, hidden: false });
		expect(seen.peer).toEqual({ n: 6, median: 10, p25: 5, p75: 15, mean: 12 });
	});

	it("withholds a raw count altogether, the value included, since it is a peer's", () => {
		for (const unit of ['count', 'hours', 'fte'] as Unit[]) {
			expect(forHandout(item(unit))).toMatchObject({
				...{ value: null, peer: null, percentile: null, quartile: null, hidden: true }
			});
		}
	});

	it('withholds the values of a KPI with too few values, as its quartiles are', () => {
		const few = { ...item('pct'), suppressed: true, peer: null, percentile: null, quartile: null };
		expect(forHandout(few)).toMatchObject({ value: null, quartile: null, hidden: false });
	});
});
