/** "Meine Runden" for a participant, the change against the predecessor in its report, and the handout it may open. */
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { decodeHTML } from 'entities';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './session';

const OWN = { code: '05754', name: 'Jobcenter Kreis Gütersloh' };
const shot = (page: Page, name: string) =>
	page.screenshot({ path: `test-results/screenshots/my-rounds-${name}.png`, fullPage: true });

// The reports are long pages; axe and the engine's CLI take a while on a busy machine.
test.describe.configure({ timeout: 150_000 });

/** The demo's two rounds, as the seed wrote them. */
function demoRounds() {
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	const rows = sqlite
		.prepare(
			`select id, name, status, predecessor_id from round where created_by = 'demo' order by to_month`
		)
		.all() as { id: number; name: string; status: string; predecessor_id: number | null }[];
	const others = sqlite.prepare('select name from jobcenter where code != ?').all(OWN.code) as {
		name: string;
	}[];
	sqlite.close();
	const [closed, open] = rows;
	return { closed, open, others: others.map((o) => o.name) };
}

/** The KPI engine's own values for a round, from the analysts' command-line tool. */
function engine(round: number): Record<string, number | null> {
	const out = execFileSync(
		'npx',
		['tsx', 'src/cli/kpi.ts', '--jobcenter', OWN.code, '--json', '--round', String(round)],
		{ env: { ...process.env, DATABASE_PATH: process.env.E2E_DB, BENCHLEARN_TODAY: '2026-11-15' } }
	);
	const json = JSON.parse(out.toString()) as { kpis: { id: string; value: number | null }[] };
	return Object.fromEntries(json.kpis.map((k) => [k.id, k.value]));
}

const de = (value: number) =>
	new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 }).format(value);

async function seriousViolations(page: Page): Promise<string[]> {
	const result = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${page.url()}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a jobcenter manager finds its rounds, what is still to deliver and the change since last year', async ({
	page
}) => {
	const { closed, open } = demoRounds();
	expect(closed.status).toBe('closed');
	expect(open.predecessor_id).toBe(closed.id);
	await signIn(page, 'jobcenter');
	// What the submissions page marks as not complete, month by month.
	await page.goto(`/runden/${open.id}`);
	const marks = await page.locator('tr.participant td .visually-hidden').allTextContents();
	expect(marks).toHaveLength(6);
	const gaps = marks.filter((m) => m !== 'vollständig').length;
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Meine Runden' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Meine Runden' })).toBeVisible();

	const current = page.getByRole('region', { name: open.name });
	const last = page.getByRole('region', { name: closed.name });
	await expect(current).toContainText('Mai 2026 bis Oktober 2026');
	await expect(current).toContainText('offen – neue Datenlieferungen zählen noch');
	await expect(current).toContainText(`${closed.name} (Mai 2025 bis Oktober 2025)`);
	await expect(last).toContainText(/abgeschlossen am \d\d\.\d\d\.\d{4}/);
	await expect(last).toContainText('Die Runde ist abgeschlossen; es ist nichts mehr zu liefern.');
	// Still to deliver: one line per month that is not complete.
	if (gaps === 0) await expect(current).toContainText('Alles geliefert');
	else await expect(current.locator('ul.outstanding > li')).toHaveCount(gaps);
	// The newest round comes first.
	const order = await page.locator('section.round h2').allTextContents();
	expect(order.indexOf(open.name)).toBeGreaterThanOrEqual(0);
	expect(order.indexOf(open.name)).toBeLessThan(order.indexOf(closed.name));

	// The change table: last year's value from the closed round's report, this year's from the engine.
	const table = current.getByRole('table', {
		name: 'Ihre Werte in der Vorrunde und in dieser Runde'
	});
	const followers = table.getByRole('row', { name: /^Follower / });
	const now = engine(open.id).followers!;
	await expect(followers.getByRole('cell').nth(1)).toHaveText(de(now));
	await expect(followers.getByRole('cell').nth(2)).toHaveText(
		/^▲ gestiegen: \+|^▼ gesunken: −|^● unverändert$/
	);
	await expect(followers.getByRole('cell').nth(3)).toHaveText(
		/^(besser|schlechter|gleich geblieben)$/
	);
	// Neutral KPIs are never judged.
	await expect(
		table
			.getByRole('row', { name: /^Beiträge / })
			.getByRole('cell')
			.nth(3)
	).toHaveText('ohne Bewertung');
	const before = await followers.getByRole('cell').nth(0).textContent();
	await shot(page, 'list');
	expect(await seriousViolations(page)).toEqual([]);

	// The closed round's own report (its snapshot) shows the same value as "Vorrunde".
	await page.goto(`/runden/${closed.id}/bericht?jc=${OWN.code}`);
	const card = page.locator('article.card', {
		has: page.getByRole('heading', { name: 'Follower', exact: true })
	});
	await expect(card.locator('.value')).toHaveText(before!);

	// This year's report names the change for every KPI, with arrow and words.
	await page.goto('/meine-runden');
	await current.getByRole('link', { name: /^Ihr Bericht/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: OWN.name })).toBeVisible();
	const section = page.getByRole('region', { name: 'Vergleich mit der Vorrunde' });
	await expect(section).toContainText(
		`seit der Vorrunde „${closed.name}“ (Mai 2025 bis Oktober 2025)`
	);
	await expect(section.getByRole('row')).toHaveCount(1 + 18);
	await expect(
		section
			.getByRole('row', { name: /^Follower / })
			.getByRole('cell')
			.nth(0)
	).toHaveText(before!);
	await section.screenshot({ path: 'test-results/screenshots/my-rounds-report-changes.png' });
	expect(await seriousViolations(page)).toEqual([]);
});

test('a participant opens the handout with pseudonyms only and without other jobcenters’ raw counts', async ({
	page
}) => {
	const { open, others } = demoRounds();
	await signIn(page, 'jobcenter');
	await page.goto('/meine-runden');
	await page
		.getByRole('region', { name: open.name })
		.getByRole('link', { name: /^Rundenbericht für die Teilnehmenden/ })
		.click();
	await expect(page).toHaveURL(new RegExp(`/runden/${open.id}/bericht\\?fassung=teilnehmende$`));
	await expect(page.getByText('Rundenbericht für die Teilnehmenden').first()).toBeVisible();
	// Its own row is marked, every row is a pseudonym.
	const rows = page.locator('table.matrix').first().locator('tbody th');
	await expect(rows.filter({ hasText: '(Ihr Jobcenter)' })).toHaveCount(1);
	for (const label of await rows.allTextContents())
		expect(label.trim()).toMatch(/^Jobcenter [A-Z]+(\s\(Ihr Jobcenter\))?$/);
	// Raw counts stay out; the normalised KPIs are there.
	await expect(page.getByText('Kennzahlen, die absolute Zahlen sind')).toBeVisible();
	await expect(page.getByRole('columnheader', { name: 'Follower', exact: true })).toHaveCount(0);
	await expect(page.getByRole('columnheader', { name: 'Follower je 1.000 eLb' })).toBeVisible();
	// No export of the whole round for a participant.
	await expect(page.getByRole('link', { name: 'Export als CSV' })).toHaveCount(0);
	const html = decodeHTML(await (await page.request.get(page.url())).text());
	expect(others.filter((name) => html.includes(name))).toEqual([]);
	await shot(page, 'handout');
	expect(await seriousViolations(page)).toEqual([]);
});

test('an analyst names a predecessor, and one that does not end before the round begins is refused', async ({
	page
}) => {
	const { closed, open } = demoRounds();
	await signIn(page, 'analyst');
	await page.goto('/runden');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Name der Runde').fill('Runde nach der Demo');
	await page.getByLabel('Erster Monat').fill('2026-01');
	await page.getByLabel('Letzter Monat').fill('2026-06');
	await page.getByLabel('Vergleichsring').selectOption('Vergleichsring Ländlicher Raum West');
	await page
		.getByLabel('Vorrunde')
		.selectOption({ label: `${open.name} (Mai 2026 bis Oktober 2026)` });
	const answered = page.waitForResponse((r) => r.url().includes('/create'));
	await page.getByRole('button', { name: 'Runde anlegen' }).click();
	await answered;
	await expect(
		page.getByText(
			`Die Vorrunde „${open.name}“ endet 2026-10, diese Runde beginnt 2026-01. Eine Vorrunde muss enden, bevor die Runde beginnt`
		)
	).toBeVisible();
	await expect(page.getByLabel('Vorrunde')).toHaveAttribute('aria-invalid', 'true');
	await shot(page, 'predecessor-refused');
	await page
		.getByLabel('Vorrunde')
		.selectOption({ label: `${closed.name} (Mai 2025 bis Oktober 2025)` });
	await page.getByRole('button', { name: 'Runde anlegen' }).click();
	await expect(page.getByRole('status')).toContainText(
		'Die Runde „Runde nach der Demo“ ist gespeichert.'
	);
	const sqlite = new Database(process.env.E2E_DB!, { readonly: true });
	const saved = sqlite
		.prepare(`select predecessor_id from round where name = 'Runde nach der Demo'`)
		.get() as {
		predecessor_id: number;
	};
	sqlite.close();
	expect(saved.predecessor_id).toBe(closed.id);
});
