import { describe, expect, it } from 'vitest';
import {
	monthsOf,
	parseDay,
	parseUtcTimeAsBerlinDay,
	periodFromFileName,
	slashOrderOf
} from './dates';

describe('parseDay', () => {
	it('reads the spellings of the platforms and of German Excel, ignoring the time', () => {
		expect(parseDay('2025-03-30T07:00:00')).toBe('2025-03-30');
		expect(parseDay('2025/02/09')).toBe('2025-02-09');
		expect(parseDay('14.01.2025 09:30')).toBe('2025-01-14');
		expect(parseDay('01/14/2025 09:30')).toBe('2025-01-14');
		expect(parseDay('2025-02-29')).toBeNull();
		expect(parseDay('Lifetime')).toBeNull();
	});
});

describe('parseUtcTimeAsBerlinDay', () => {
	it("puts X's UTC times on Berlin's day, in winter (UTC+1) and summer (UTC+2)", () => {
		expect(parseUtcTimeAsBerlinDay('2024-12-31 23:30 +0000')).toBe('2025-01-01');
		expect(parseUtcTimeAsBerlinDay('2024-12-31 22:59 +0000')).toBe('2024-12-31');
		expect(parseUtcTimeAsBerlinDay('2025-06-30 22:10 +0000')).toBe('2025-07-01');
		expect(parseUtcTimeAsBerlinDay('2025-06-30 21:59 +0000')).toBe('2025-06-30');
		expect(parseUtcTimeAsBerlinDay('gestern')).toBeNull();
	});
});

describe('periodFromFileName', () => {
	it("reads Meta's and X's periods, both ends inclusive", () => {
		expect(periodFromFileName('Jan-14-2025_Apr-14-2025_1099511627776.csv')).toEqual({
			from: '2025-01-14',
			to: '2025-04-14'
		});
		expect(periodFromFileName('tweet_activity_metrics_jc_20211101_20211201_de.csv')).toEqual({
			from: '2021-11-01',
			to: '2021-12-01'
		});
		expect(periodFromFileName('Instagram_Beitraege.csv')).toBeNull();
		expect(periodFromFileName('Apr-14-2025_Jan-14-2025_x.csv')).toBeNull();
	});
});

describe('monthsOf', () => {
	it('tells whole months from partly covered ones', () => {
		expect(monthsOf({ from: '2025-01-14', to: '2025-03-31' })).toEqual([
			{ month: '2025-01', from: '2025-01-14', to: '2025-01-31', whole: false },
			{ month: '2025-02', from: '2025-02-01', to: '2025-02-28', whole: true },
			{ month: '2025-03', from: '2025-03-01', to: '2025-03-31', whole: true }
		]);
	});
});

describe('slashOrderOf', () => {
	it('decides day-first or month-first from all of a file’s dates, else keeps the platform’s order', () => {
		expect(slashOrderOf(['01/07/2025 09:15', '01/21/2025 14:02'])).toBe('mdy');
		expect(slashOrderOf(['07/01/2025 09:15', '21/01/2025 14:02'])).toBe('dmy');
		// Every part 12 or less: nothing proves the order, Meta's own (or the one given) holds.
		expect(slashOrderOf(['01/07/2025', '02/03/2025'])).toBe('mdy');
		expect(slashOrderOf(['01/07/2025', '02/03/2025'], 'dmy')).toBe('dmy');
		// Proof both ways is no proof: the platform's order, and the odd cells become unreadable.
		expect(slashOrderOf(['13/01/2025', '01/13/2025'])).toBe('mdy');
		expect(slashOrderOf(['2025-01-14', 'Lifetime'])).toBe('mdy');
		expect(parseDay('21/01/2025 14:02', 'dmy')).toBe('2025-01-21');
		expect(parseDay('21/01/2025 14:02', 'mdy')).toBeNull();
	});
});
