import { describe, expect, it } from 'vitest';
import { dataPath } from './pages';
import type { LoadPhase, WebLoad } from './load';
import { replaceSection, SECTION_END, SECTION_START, webTargets } from './report';
import { latencies } from './stats';
import { assetPaths } from './weight';

describe('latencies', () => {
	it('gives the R-7 median and 95th percentile and the maximum', () => {
		const ms = Array.from({ length: 21 }, (_, i) => 20 - i);
		expect(latencies(ms)).toEqual({ n: 21, p50: 10, p95: 19, max: 20 });
		const four = latencies([4, 1, 3, 2]);
		expect(four).toMatchObject({ n: 4, p50: 2.5, max: 4 });
		expect(four.p95).toBeCloseTo(3.85);
		expect(latencies([7])).toEqual({ n: 1, p50: 7, p95: 7, max: 7 });
		expect(() => latencies([])).toThrow();
	});
});

describe('replaceSection', () => {
	it('appends a "Leistung" section with markers when there is none', () => {
		const readme = replaceSection('# App\n\nText.\n', 'first');
		expect(readme).toBe(
			`# App\n\nText.\n\n## Leistung\n\n${SECTION_START}\nfirst\n${SECTION_END}\n`
		);
	});

	it('replaces only what lies between the markers', () => {
		const readme = `# App\n\n## Leistung\n\nIntro.\n\n${SECTION_START}\nold\n${SECTION_END}\n\n## Next\n`;
		const updated = replaceSection(readme, 'new\ntable');
		expect(updated).toBe(
			`# App\n\n## Leistung\n\nIntro.\n\n${SECTION_START}\nnew\ntable\n${SECTION_END}\n\n## Next\n`
		);
		expect(replaceSection(updated, 'new\ntable')).toBe(updated);
	});
});

describe('assetPaths', () => {
	it('finds scripts, preloads and stylesheets in the HTML and in the link header, once each', () => {
		const html = `<link href="./_app/a.css" rel="stylesheet"><link rel="modulepreload" href="./_app/x.js">
			<script>Promise.all([import("./_app/start.js"), import("./_app/app.js")])</script>`;
		const link =
			'<./_app/a.css>; rel="preload"; as="style"; nopush, <./_app/start.js>; rel="modulepreload"; nopush, <./_app/c.js>; rel="modulepreload"; nopush';
		const { js, css } = assetPaths(html, link);
		expect(js.sort()).toEqual(['./_app/app.js', './_app/c.js', './_app/start.js', './_app/x.js']);
		expect(css).toEqual(['./_app/a.css']);
	});
});

describe('dataPath', () => {
	it('names the data endpoint of a page, query kept', () => {
		expect(dataPath('/')).toBe('/__data.json');
		expect(dataPath('/?jc=05754&runde=1')).toBe('/__data.json?jc=05754&runde=1');
		expect(dataPath('/kpi/engagement_rate_pct?jc=05754')).toBe(
			'/kpi/engagement_rate_pct/__data.json?jc=05754'
		);
	});
});

describe('webTargets', () => {
	const phase = (pollP95: number, stall: number): LoadPhase => ({
		ms: 9000,
		poll: { n: 80, p50: 12, p95: pollP95, max: pollP95 + 5 },
		pollsFailed: 0,
		eventLoop: { p50: 10, p99: stall - 1, max: stall, samples: 900 }
	});
	const load: WebLoad = {
		rows: 534_600,
		preview: phase(40, 30),
		commit: phase(60, 45),
		logins: Array(10).fill(80),
		loginsFailed: 0,
		secondUpload: { ms: 6000, succeeded: true }
	};

	it('meets every target when the server kept answering', () => {
		expect(webTargets(load).map((t) => t.met)).toEqual([true, true, true, true, true]);
	});

	it('misses a stall over 50 ms, a slow or failed poll, a failed login or upload', () => {
		const missed = (web: WebLoad) =>
			webTargets(web)
				.filter((t) => !t.met)
				.map((t) => t.target);
		expect(missed({ ...load, commit: phase(60, 51) })).toEqual([
			'Web commit: event loop stalls ≤ 50 ms'
		]);
		expect(missed({ ...load, preview: { ...phase(40, 30), pollsFailed: 1 } })).toEqual([
			'Web preview: jobcenter / p95 < 100 ms'
		]);
		expect(missed({ ...load, preview: phase(100, 30) })).toEqual([
			'Web preview: jobcenter / p95 < 100 ms'
		]);
		const last = 'Web commit: 10 logins and a second upload succeed';
		expect(missed({ ...load, logins: Array(9).fill(80), loginsFailed: 1 })).toEqual([last]);
		expect(missed({ ...load, secondUpload: { ms: 0, succeeded: false } })).toEqual([last]);
	});
});
