import { describe, expect, it } from 'vitest';
import { CHANNELS } from '$lib/channels';
import { DEMO_JOBCENTER_CODE } from '$lib/server/demo/jobcenters';
import { benchJobcenters, benchRows, germanLine, rowCount, SCALES, type BenchRow } from './dataset';

const small = [...benchRows(SCALES.small)].flat();

describe('the benchmark data set', () => {
	it('is the same on every run', () => {
		expect([...benchRows(SCALES.small)].flat()).toEqual(small);
	});

	it('has a row for every jobcenter, channel and month', () => {
		expect(SCALES.national.jobcenters * CHANNELS.length * SCALES.national.months).toBe(534_600);
		expect(rowCount(SCALES.national)).toBe(534_600);
		expect(small).toHaveLength(rowCount(SCALES.small));
		const keys = new Set(small.map((r) => `${r.code}|${r.channel}|${r.month}`));
		expect(keys.size).toBe(small.length);
		expect(new Set(small.map((r) => r.month)).size).toBe(SCALES.small.months);
		expect(small.at(-1)?.month).toBe(SCALES.small.until);
	});

	it('registers 405 jobcenters with unique codes, the demo ones among them', () => {
		const national = benchJobcenters(SCALES.national.jobcenters);
		expect(national).toHaveLength(405);
		expect(new Set(national.map((jc) => jc.code)).size).toBe(405);
		for (const jc of national) expect(jc.code).toMatch(/^\d{5}$/);
		expect(national.map((jc) => jc.code)).toEqual(national.map((jc) => jc.code).sort());
	});

	it('keeps the demo account’s whole ring in the small set', () => {
		const ring = (list: { code: string; ring: string | null }[]) => {
			const own = list.find((jc) => jc.code === DEMO_JOBCENTER_CODE)?.ring;
			return list.filter((jc) => jc.ring === own).map((jc) => jc.code);
		};
		const all = benchJobcenters(405);
		expect(ring(benchJobcenters(SCALES.small.jobcenters))).toEqual(ring(all));
		expect(ring(all).length).toBeGreaterThanOrEqual(5);
	});

	it('writes the German twin with semicolons, decimal commas and display names', () => {
		const row = {
			...{ ...small[0], channel: 'whatsapp', staff_hours: 12.5, reach: null },
			response_hours: 2.5
		} as BenchRow;
		expect(germanLine(row)).toBe(
			`${row.code};${row.month};WhatsApp-Kanal;${row.followers};${row.posts};${row.impressions};;${row.reactions};${row.comments};${row.shares};${row.replies};12,5;2,5`
		);
	});
});
