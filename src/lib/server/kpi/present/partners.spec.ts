import { describe, expect, it } from 'vitest';
import { isBelowMedian, learningPartners, partnerLabel, type PartnerKpi } from './partners';

const people = [
	{ id: 1, name: 'Jobcenter Eins', ring: 'R', showNameToRing: false, pseudonym: 'Jobcenter C' },
	{ id: 2, name: 'Jobcenter Zwei', ring: 'R', showNameToRing: true, pseudonym: 'Jobcenter A' },
	{ id: 3, name: 'Jobcenter Drei', ring: 'S', showNameToRing: true, pseudonym: 'Jobcenter D' },
	{ id: 4, name: 'Jobcenter Vier', ring: 'R', showNameToRing: false, pseudonym: 'Jobcenter B' },
	{ id: 5, name: 'Jobcenter Fünf', ring: 'R', showNameToRing: true, pseudonym: 'Jobcenter E' }
];
const self = { id: 1, ring: 'R' };
// Values 10, 20, 30, 40, 50 → p25 20, median 30, p75 40.
const peer = { p25: 20, median: 30, p75: 40 };

function kpi(
	better: PartnerKpi['better'],
	values: number[],
	id: PartnerKpi['id'] = 'engagement_rate_pct'
): PartnerKpi {
	return { id, better, value: values[0], peer, values: new Map(values.map((v, i) => [i + 1, v])) };
}

describe('learningPartners', () => {
	it('names the peers of similar size in the best quartile where the jobcenter is below the median', () => {
		// Self 10 (worst); 5 has 50 (best quartile, similar size, opted in, same ring); 3 has 45 but another ring.
		const result = learningPartners(self, [1, 2, 3, 5], people, [
			kpi('higher', [10, 20, 45, 30, 50])
		]);
		expect(result).toEqual([
			{
				kpi: 'engagement_rate_pct',
				partners: [
					{ label: 'Jobcenter D', named: false },
					{ label: 'Jobcenter Fünf', named: true }
				]
			}
		]);
	});

	it('leaves out peers that are not in the size group, even in the best quartile', () => {
		const result = learningPartners(self, [1, 2], people, [kpi('higher', [10, 20, 45, 30, 50])]);
		expect(result[0].partners).toEqual([]);
	});

	it('for lower-is-better the best quartile is the lowest one', () => {
		const result = learningPartners(self, [1, 2, 3, 4, 5], people, [
			kpi('lower', [50, 10, 40, 20, 30], 'hours_per_post')
		]);
		// 10 and 20 are at or below p25 = 20.
		expect(result).toEqual([
			{
				kpi: 'hours_per_post',
				partners: [
					{ label: 'Jobcenter B', named: false },
					{ label: 'Jobcenter Zwei', named: true }
				]
			}
		]);
	});

	it('gives nothing for neutral KPIs, at or above the median, without own value or when suppressed', () => {
		const all = [1, 2, 3, 4, 5];
		expect(learningPartners(self, all, people, [kpi('neutral', [10, 20, 30, 40, 50])])).toEqual([]);
		expect(learningPartners(self, all, people, [kpi('higher', [30, 20, 10, 40, 50])])).toEqual([]);
		expect(
			learningPartners(self, all, people, [{ ...kpi('higher', [10, 20, 30, 40, 50]), value: null }])
		).toEqual([]);
		expect(
			learningPartners(self, all, people, [{ ...kpi('higher', [10, 20, 30, 40, 50]), peer: null }])
		).toEqual([]);
	});

	it('never lists the jobcenter itself', () => {
		const result = learningPartners({ id: 5, ring: 'R' }, [1, 2, 3, 4, 5], people, [
			{ ...kpi('higher', [10, 20, 30, 40, 50]), value: 5 }
		]);
		expect(result[0].partners).toEqual([]);
	});
});

describe('partnerLabel and isBelowMedian', () => {
	it('shows a name only to its own ring and only with the opt-in', () => {
		expect(partnerLabel(people[1], { ring: 'R' })).toEqual({
			label: 'Jobcenter Zwei',
			named: true
		});
		expect(partnerLabel(people[1], { ring: 'S' })).toEqual({ label: 'Jobcenter A', named: false });
		expect(partnerLabel(people[3], { ring: 'R' })).toEqual({ label: 'Jobcenter B', named: false });
		expect(partnerLabel({ ...people[1], ring: null }, { ring: null })).toEqual({
			label: 'Jobcenter A',
			named: false
		});
	});

	it('the median itself is not the worse side', () => {
		expect(isBelowMedian('higher', 30, 30)).toBe(false);
		expect(isBelowMedian('higher', 29, 30)).toBe(true);
		expect(isBelowMedian('lower', 31, 30)).toBe(true);
		expect(isBelowMedian('neutral', 1, 30)).toBe(false);
	});
});
