import Database from 'better-sqlite3';
import { decodeHTML } from 'entities';
import ExcelJS from 'exceljs';
import { expect, test, type APIResponse } from '@playwright/test';
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

test("a jobcenter user never receives another jobcenter's name, code or foreign ring", async ({
	page
}) => {
	// A crawl of every page, filter value and export: the bound only catches a hang on a busy machine.
	test.setTimeout(240_000);
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	const own = sqlite
		.prepare(
			`select j.id, j.ring from app_user u join jobcenter j on j.id = u.jobcenter_id where u.email = 'jobcenter@demo.test'`
		)
		.get() as { id: number; ring: string };
	const others = sqlite
		.prepare('select code, name, ring from jobcenter where id != ?')
		.all(own.id) as {
		code: string;
		name: string;
		ring: string | null;
	}[];
	// The demo's own rounds (last year's closed, this year's open), which "Meine Runden" lists.
	const demoRounds = (
		sqlite.prepare(`select id from round where created_by = 'demo'`).all() as { id: number }[]
	).map((r) => r.id);
	// Other jobcenters' own events (the demo has some) are for them and the analysts only.
	const foreignEvents = (
		sqlite
			.prepare(
				'select title from series_event where jobcenter_id is not null and jobcenter_id != ?'
			)
			.all(own.id) as { title: string }[]
	).map((e) => e.title);
	sqlite.close();
	expect(demoRounds.length).toBe(2);
	expect(foreignEvents.length).toBeGreaterThan(0);
	const forbidden = [
		...foreignEvents,
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
		...['ring', 'carrier', 'state', 'size', 'goals', 'all'].map((peers) => `/?vergleich=${peers}`),
		...CHANNEL_IDS.map((channel) => `/?kanal=${channel}`),
		'/?von=2025-01&bis=2025-06',
		// The analysts' register filter must not open the register to a jobcenter user.
		'/?suche=jobcenter&seite=2',
		'/?land=BY&ring=ohne',
		'/jobcenter?suche=jobcenter&land=NW&seite=2&bearbeiten=05754',
		'/karte?x=hours_per_post&y=engagement_rate_pct',
		'/karte?y=interactions_per_post',
		'/karte?y=interactions_per_staff_hour',
		// Events: the page, and the charts that mark them, for every channel.
		'/ereignisse',
		'/kpi/followers?von=2024-11&bis=2026-10',
		...CHANNEL_IDS.map((channel) => `/kanaele?kanal=${channel}&von=2024-11&bis=2026-10`),
		// Rounds, open and closed: submissions, the own report, the own export, the dashboard of the round.
		'/meine-runden',
		...[round, closed, ...demoRounds].flatMap((id) => [
			...[
				`/runden/${id}`,
				`/runden/${id}?kanaele=1`,
				`/runden/${id}/bericht`,
				`/runden/${id}/bericht?jc=05754`
			],
			...[
				`/runden/${id}/export?format=csv`,
				`/runden/${id}/export?format=csv&fassung=teilnehmende`,
				`/runden/${id}/bericht?fassung=teilnehmende`,
				`/?runde=${id}`
			],
			// The round matrix is the analysts': refused, also in its handout version.
			...[`/runden/${id}/matrix`, `/runden/${id}/matrix?fassung=teilnehmende&sortierung=followers`],
			...[
				`/runden/${id}/matrix/export?format=csv`,
				`/runden/${id}/matrix/export?format=xlsx&fassung=teilnehmende`
			],
			// The round's practice profiles (filled in from the demo texts above) and the own form.
			...[
				`/runden/${id}/steckbriefe`,
				`/runden/${id}/steckbrief`,
				`/runden/${id}/steckbrief?jc=05754`
			]
		]),
		// Every dashboard export in both formats, with the filters the pages offer, rounds included.
		...[
			'/export',
			'/kpi/followers/export',
			'/kpi/engagement_rate_pct/export',
			'/karte/export',
			'/kanaele/export'
		].flatMap((path) =>
			['csv', 'xlsx'].flatMap((format) =>
				[
					'',
					'&vergleich=all',
					'&vergleich=state',
					'&kanal=facebook',
					`&runde=${round}`,
					`&runde=${closed}`
				].map((extra) => `${path}?format=${format}${extra}`)
			)
		),
		'/karte/export?format=xlsx&x=hours_per_post&y=interactions_per_staff_hour',
		'/export?format=xlsx&suche=jobcenter&seite=2'
	];
	const queue = [...routeUrls(), ...filters];
	const visited = new Set<string>();
	const bodies: { url: string; text: string }[] = [];
	while (queue.length) {
		const url = queue.shift()!;
		if (visited.has(url)) continue;
		visited.add(url);
		const response = await page.request.get(url, { headers: { accept: 'text/html' } });
		const text = await bodyText(response);
		bodies.push({ url, text });
		for (const match of text.matchAll(/href="(\/[^"#]*)"/g)) {
			const link = decodeHTML(match[1]);
			if (!link.startsWith('/_app') && !link.startsWith('/abmelden') && visited.size < 200)
				queue.push(link);
		}
		if (!url.includes('__data.json') && !url.includes('/export')) {
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
	await page.screenshot({
		path: 'test-results/screenshots/leak-jobcenter-overview.png',
		fullPage: true
	});
});

test('a suppressed comparison stays suppressed in the export: no quantiles where the page shows none', async ({
	page
}) => {
	test.setTimeout(120_000);
	await signIn(page, 'jobcenter');
	let suppressed = 0;
	let detail: string | null = null;
	for (const channel of CHANNEL_IDS) {
		await page.goto(`/?kanal=${channel}`);
		const cards = page.locator('article.card');
		if ((await cards.count()) === 0) continue;
		const csv = await (await page.request.get(`/export?kanal=${channel}&format=csv`)).text();
		const [head, ...rows] = csv
			.slice(1)
			.trim()
			.split('\r\n')
			.map((line) => line.split(';'));
		const median = head.indexOf('Median');
		const n = head.indexOf('Jobcenter mit Daten');
		expect(n).toBeGreaterThan(0);
		for (const card of await cards.all()) {
			if ((await card.getByText('Zu wenige Vergleichswerte').count()) === 0) continue;
			suppressed++;
			const label = (await card.locator('h3').innerText()).trim();
			const row = rows.find((r) => r[1] === label)!;
			expect(row.slice(median - 1, median + 3), `${channel}: ${label}`).toEqual(['', '', '', '']);
			// Fewer than MIN_PEERS: the exact group size is withheld too, as on the page.
			expect(row[n], `${channel}: ${label}`).toBe('');
			detail ??= await card.locator('h3 a').getAttribute('href');
		}
	}
	expect(suppressed).toBeGreaterThan(0);
	// The KPI page says "fewer than MIN_PEERS" where the count is withheld, not the count.
	await page.goto(detail!);
	await expect(page.locator('dl.numbers')).toContainText(/Jobcenter mit Daten\s*weniger als \d+/);
	await page.screenshot({
		path: 'test-results/screenshots/leak-suppressed-detail.png',
		fullPage: true
	});
});

test('the map offers a jobcenter user only axes whose peer figures its cards show', async ({
	page
}) => {
	await signIn(page, 'jobcenter');
	await page.goto('/karte');
	// One effort KPI only: named as text, not offered in a select of one.
	await expect(page.locator('#f-x')).toHaveCount(0);
	await expect(page.locator('form .axis')).toHaveText('VZÄ je 10.000 eLb');
	const xs = [await page.locator('input[type=hidden][name=x]').getAttribute('value')];
	const ys = await page
		.locator('#f-y option')
		.evaluateAll((o) => o.map((e) => e.getAttribute('value')));
	expect(xs).toEqual(['fte_per_10000_elb']);
	expect(ys).not.toContain('interactions');
	expect(ys.length).toBeGreaterThan(1);
	await page.screenshot({
		path: 'test-results/screenshots/leak-jobcenter-map.png',
		fullPage: true
	});
	// Hours per post are hidden on the cards, so the map refuses them as an axis, page and export alike.
	for (const url of ['/karte?x=hours_per_post', '/karte/export?format=csv&x=hours_per_post'])
		expect((await page.request.get(url)).status(), url).toBe(400);
});

test("the participants' round export holds only the handout's columns: no raw counts", async ({
	page
}) => {
	const id = ensureReportRound();
	await signIn(page, 'analyst');
	const header = async (url: string) => {
		const text = await (await page.request.get(url)).text();
		return text.slice(1).split('\r\n')[0].split(';');
	};
	const named = await header(`/rounds/${id}/export?format=csv`);
	const handout = await header(`/rounds/${id}/export?format=csv&fassung=teilnehmende`);
	const raw = ['Follower (Anzahl)', 'Personalstunden (Std.)', 'Stunden je Beitrag (Std.)'];
	for (const column of raw) {
		expect(named).toContain(column);
		expect(handout).not.toContain(column);
	}
	expect(handout).toContain('Interaktionsrate (%)');
	await page.goto(`/rounds/${id}/bericht?fassung=teilnehmende`);
	await page.screenshot({ path: 'test-results/screenshots/leak-round-handout.png' });
});

/** What an answer says: a workbook's every cell and sheet name, anything else as text. */
async function bodyText(response: APIResponse): Promise<string> {
	if (!response.headers()['content-type']?.includes('spreadsheetml')) return response.text();
	const book = new ExcelJS.Workbook();
	await book.xlsx.load((await response.body()) as unknown as ArrayBuffer);
	const cells: string[] = [];
	book.eachSheet((sheet) => {
		cells.push(sheet.name);
		sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
	});
	expect(cells.length).toBeGreaterThan(3);
	return cells.join(' \n ');
}

test('the token check itself finds a name and a code, and ignores numbers inside SVG paths', () => {
	const html =
		'<p>Jobcenter Kreis G&uuml;tersloh, Jobcenter Halle (Saale)</p><path d="M10.05754,3L2,05158"/><td>05754</td>';
	const haystack = tokens(html);
	expect(containsToken(haystack, 'Jobcenter Kreis Gütersloh')).toBe(true);
	expect(containsToken(haystack, 'Jobcenter Halle (Saale)')).toBe(true);
	expect(containsToken(haystack, 'Jobcenter Halle')).toBe(true);
	expect(containsToken(haystack, 'Jobcenter Kreis')).toBe(true);
	expect(containsToken(haystack, '05754')).toBe(true);
	expect(containsToken(haystack, '05158')).toBe(false);
});
