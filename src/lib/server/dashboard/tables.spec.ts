import { beforeEach, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { detailExport, mapExport, overviewExport } from './tables';

type Overview = Parameters<typeof overviewExport>[0];
type Detail = Parameters<typeof detailExport>[0];
type MapData = Parameters<typeof mapExport>[0];

const jobcenter = { code: '05754', name: 'Jobcenter Kreis Gütersloh', ring: 'Ring A' };
const filters = { from: '2025-11', to: '2026-10', peers: 'ring', channels: [], round: null };
const card = {
	id: 'followers',
	area: 'reach',
	unit: 'count',
	better: 'neutral',
	label: 'Follower',
	value: 1234.4,
	previous: 1000,
	change: 23.44,
	median: null,
	p25: null,
	p75: null,
	percentile: null,
	quartile: null,
	suppressed: false,
	hidden: true,
	// The presentation layer withholds the group size of a hidden KPI (`groupSize`).
	n: null,
	spark: []
};

describe('dashboard exports', () => {
	beforeEach(() => overwriteGetLocale(() => 'de'));

	it('writes the overview cards as the page shows them: rounded, raw peer figures and their count withheld', () => {
		const rate = {
			...card,
			id: 'engagement_rate_pct',
			unit: 'pct',
			label: 'Interaktionsrate',
			value: 3.2149,
			median: 4.06,
			p25: 3.55,
			p75: 4.5,
			percentile: 15,
			hidden: false,
			n: 9
		};
		const data = {
			mode: 'overview',
			jobcenter,
			filters,
			members: 10,
			cards: [card, rate]
		} as unknown as Overview;
		const { name, tables } = overviewExport(data);
		expect(name).toBe('benchlearn-uebersicht-05754-2025-11-bis-2026-10');
		expect(tables[0].rows).toEqual([
			['Reichweite', 'Follower', 'Anzahl', 1234, 1000, 23.4, null, null, null, null, null],
			['Reichweite', 'Interaktionsrate', '%', 3.2, 1000, 23.4, 9, 3.6, 4.1, 4.5, 15]
		]);
		const about = tables.at(-1)!;
		expect(about.title).toBe('Angaben');
		expect(about.rows).toContainEqual(['Vergleichsgruppe (Jobcenter)', 'Vergleichsring (10)']);
	});

	it('names no jobcenter among the map points', () => {
		const data = {
			jobcenter,
			filters,
			axes: {
				x: { id: 'hours_per_post', label: 'Stunden je Beitrag', unit: 'per_post' },
				y: { id: 'engagement_rate_pct', label: 'Interaktionsrate', unit: 'pct' }
			},
			map: {
				own: { x: 1.25, y: 3 },
				median: { x: 2, y: 4 },
				points: [
					{ x: 1, y: 2 },
					{ x: 3, y: 4 }
				],
				suppressed: false
			}
		} as unknown as MapData;
		const [table] = mapExport(data).tables;
		expect(table.rows.map((r) => r[0])).toEqual([
			'Ihr Jobcenter',
			'Median der Vergleichsgruppe',
			'Jobcenter der Vergleichsgruppe',
			'Jobcenter der Vergleichsgruppe'
		]);
		expect(table.rows[0]).toEqual(['Ihr Jobcenter', 1.3, 3]);
	});

	it('leaves out the distribution where the comparison is withheld, and the ranking where the page has none', () => {
		const detail = {
			kpi: { id: 'followers', unit: 'count', unitLabel: 'Anzahl', label: 'Follower' },
			value: 10,
			n: 9,
			hidden: true,
			suppressed: false,
			peer: null,
			percentile: null,
			series: [{ month: '2026-10', value: 10, p25: null, median: null, p75: null }],
			distribution: [],
			ranking: []
		};
		const data = { jobcenter, filters, detail } as unknown as Detail;
		const sheets = detailExport(data).tables.map((t) => t.title);
		expect(sheets).toEqual(['Verlauf je Monat', 'Die Zahlen', 'Angaben']);
		const ranked = {
			...detail,
			hidden: false,
			peer: { p25: 1, median: 2, p75: 3 },
			distribution: [3, 1, 2],
			ranking: [{ code: '05754', name: 'Jobcenter Kreis Gütersloh', value: 10 }]
		};
		const all = detailExport({ jobcenter, filters, detail: ranked } as unknown as Detail).tables;
		expect(all.map((t) => t.title)).toEqual([
			'Verlauf je Monat',
			'Die Zahlen',
			'Verteilung',
			'Rangfolge',
			'Angaben'
		]);
		expect(all[2].rows).toEqual([[1], [2], [3]]);
	});
});
