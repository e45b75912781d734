import Database from 'better-sqlite3';
import { decodeHTML } from 'entities';
import { expect, test } from '@playwright/test';
import { CHANNEL_IDS } from '../src/lib/channels';
import { ensureClosedReportRound, ensureDemoProfiles, ensureReportRound } from './reportRound';
import { routeUrls } from './routes';
import { signIn } from './session';

/**
 * Whole tokens: a name or code counts only where it stands on its own. Digits joined by `.` `,` or `-`
 * stay one token, so that `05754` inside the SVG path number `10.05754` does not count.
 */
function tokens(text: string): string {
	const glued = decodeHTML(text).replace(/(\d)[.,-](?=\d)/g, '$1_');
	return ' ' + glued.split(/[^\p{L}\p{N}_]+/u).join(' ') + ' ';
}

function containsToken(haystack: string, needle: string): boolean {
	return haystack.includes(' ' + tokens(needle).trim() + ' ');
}

test('a jobcenter user never receives another jobcenter\'s name, code or foreign ring', async ({ page, baseURL }) => {
	// A crawl of every page and filter value: the bound only catches a hang on a busy machine.
	test.setTimeout(120_000);
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	const own = sqlite
		.prepare(`select j.id, j.ring from app_user u join jobcenter j on j.id = u.jobcenter_id where u.email = 'jobcenter@demo.test'`)
		.get() as { id: number; ring: string };
	const others = sqlite.prepare('select code, name, ring from jobcenter where id != ?').all(own.id) as {
		code: string;
		name: string;
		ring: string | null;
	}[];
	sqlite.close();
	const forbidden = [
		...others.flatMap((o) => [o.code, o.name]),
		...new Set(others.map((o) => o.ring).filter((r): r is string => !!r && r !== own.ring))
	];
	expect(forbidden.length).toBeGreaterThan(100);

	const round = ensureReportRound();
	const closed = ensureClosedReportRound();
	ensureDemoProfiles(round);
	ensureDemoProfiles(closed);
	await signIn(page, 'jobcenter');
	// Every route, every value of every filter, the links the pages offer, and SvelteKit's data payloads.
	const filters = [
		...['ring', 'carrier', 'state', 'size', 'goals', 'all'].map((peers) => `/?peers=${peers}`),
		...CHANNEL_IDS.map((channel) => `/?channel=${channel}`),
		'/?from=2025-01&to=2025-06',
		// The analysts' register filter must not open the register to a jobcenter user.
		'/?suche=jobcenter&seite=2',
		'/?land=BY&ring=ohne',
		'/jobcenter?suche=jobcenter&land=NW&seite=2&bearbeiten=05754',
		'/karte?x=hours_per_post&y=engagement_rate_pct',
		'/karte?y=interactions_per_post',
		'/karte?y=interactions_per_staff_hour',
		// Rounds, open and closed: submissions, the own report, the own export, the dashboard of the round.
		...[round, closed].flatMap((id) => [
			...[`/rounds/${id}`, `/rounds/${id}?kanaele=1`, `/rounds/${id}/bericht`, `/rounds/${id}/bericht?jc=05754`],
			...[`/rounds/${id}/export?format=csv`, `/rounds/${id}/bericht?fassung=teilnehmende`, `/?round=${id}`],
			// The round's practice profiles (filled in from the demo texts above) and the own form.
			...[`/rounds/${id}/steckbriefe`, `/rounds/${id}/steckbrief`, `/rounds/${id}/steckbrief?jc=05754`]
		])
	];
	const queue = [...routeUrls(), ...filters];
	const visited = new Set<string>();
	const bodies: { url: string; text: string }[] = [];
	while (queue.length) {
		const url = queue.shift()!;
		if (visited.has(url)) continue;
		visited.add(url);
		const response = await page.request.get(url, { headers: { accept: 'text/html' } });
		const text = await response.text();
		bodies.push({ url, text });
		for (const match of text.matchAll(/href="(\/[^"#]*)"/g)) {
			const link = decodeHTML(match[1]);
			if (!link.startsWith('/_app') && !link.startsWith('/logout') && visited.size < 200) queue.push(link);
		}
		if (!url.includes('__data.json')) {
			const [path, search] = url.split('?');
			queue.push(path.replace(/\/$/, '') + '/__data.json' + (search ? `?${search}` : ''));
		}
	}
	expect(visited.size).toBeGreaterThanOrEqual(routeUrls().length);

	const leaks = bodies.flatMap(({ url, text }) => {
		const haystack = tokens(text);
		return forbidden.filter((f) => containsToken(haystack, f)).map((f) => `${url}: ${f}`);
	});
	expect(leaks).toEqual([]);

	await page.goto('/');
	await page.screenshot({ path: 'test-results/screenshots/leak-jobcenter-overview.png', fullPage: true });
});

test('the token check itself finds a name and a code, and ignores numbers inside SVG paths', () => {
	const html = '<p>Jobcenter Kreis G&uuml;tersloh, Jobcenter Halle (Saale)</p><path d="M10.05754,3L2,05158"/><td>05754</td>';
	const haystack = tokens(html);
	expect(containsToken(haystack, 'Jobcenter Kreis Gütersloh')).toBe(true);
	expect(containsToken(haystack, 'Jobcenter Halle (Saale)')).toBe(true);
	expect(containsToken(haystack, 'Jobcenter Halle')).toBe(true);
	expect(containsToken(haystack, 'Jobcenter Kreis')).toBe(true);
	expect(containsToken(haystack, '05754')).toBe(true);
	expect(containsToken(haystack, '05158')).toBe(false);
});
