import { beforeEach, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { bandTips } from './tips';

describe('bandTips', () => {
	beforeEach(() => overwriteGetLocale(() => 'de'));

	it('says the month, the own value and the group figures in German', () => {
		const tips = bandTips(
			[
				{ month: '2026-10', value: 3.21, p25: 3.6, median: 4.1, p75: 4.5 },
				{ month: '2026-11', value: null, p25: null, median: null, p75: null }
			],
			'pct'
		);
		expect(tips).toEqual([
			'Okt. 2026: Ihr Wert 3,2 %; Median 4,1 % (mittlere Hälfte 3,6 % bis 4,5 %)',
			'Nov. 2026: Ihr Wert keine Daten'
		]);
	});
});
