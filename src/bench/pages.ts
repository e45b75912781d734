/** Times the production build's pages over HTTP per role, and the same engine call made in-process. */
import type { ChildProcess } from 'node:child_process';
import { addMonths, type Month } from '$lib/months';
import { closeConnections, login, send } from './http';
import { freePort, runCommand, startServer, succeeded, type Env } from './process';
import { latencies, type Latency } from './stats';

export const KPI_PAGE = '/kpi/engagement_rate_pct';

export interface PageTiming extends Latency {
	role: 'analyst' | 'jobcenter';
	page: string;
	path: string;
	/** The same URL's `__data.json`: the load functions without server rendering. */
	load: Latency;
}

/** SvelteKit's data endpoint of a page: its load functions' result, not rendered. */
export function dataPath(path: string): string {
	const url = new URL(path, 'http://host');
	const dir = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
	return `${dir}__data.json${url.search}`;
}

export interface PageSetup {
	buildDir: string;
	database: string;
	env: Env;
	/** The jobcenter user's jobcenter; the analyst looks at it too. */
	code: string;
	ring: string;
	until: Month;
	requests: number;
}

export const PASSWORD = 'Benchmark-Passwort-405';
export const EMAIL = { analyst: 'analyst@bench.invalid', jobcenter: 'jobcenter@bench.invalid' };

async function cli(
	setup: Pick<PageSetup, 'database' | 'env'>,
	args: string[],
	input?: string
): Promise<string> {
	const env = { ...setup.env, DATABASE_PATH: setup.database };
	const result = await runCommand('npm', ['run', '-s', ...args], { env, input });
	return succeeded(`npm run ${args.slice(0, 3).join(' ')}`, result).stdout.trim();
}

export function createUser(
	setup: Pick<PageSetup, 'database' | 'env' | 'code'>,
	role: keyof typeof EMAIL
): Promise<string> {
	const jobcenter = role === 'jobcenter' ? ['--jobcenter', setup.code] : [];
	const args = ['--email', EMAIL[role], '--role', role, ...jobcenter, '--password-stdin'];
	return cli(setup, ['user', '--', 'create', ...args], PASSWORD);
}

/** A round of the jobcenter's ring over the last 12 months; prints its id. */
function createRound(setup: PageSetup): Promise<string> {
	const period = ['--from', addMonths(setup.until, -11), '--to', setup.until];
	const args = ['--name', 'Benchmark-Runde', ...period, '--ring', setup.ring];
	return cli(setup, ['round', '--', 'create', ...args]);
}

/** The pages to time, per role: the analyst names the jobcenter with `jc`, a jobcenter user need not. */
export function pagePaths(setup: PageSetup, roundId: string) {
	const pages = (jc: string) => [
		{ page: '/', path: jc ? `/?${jc}` : '/' },
		{ page: KPI_PAGE, path: `${KPI_PAGE}${jc && `?${jc}`}` },
		{ page: '/karte', path: `/karte${jc && `?${jc}`}` },
		{ page: '/kanaele', path: `/kanaele${jc && `?${jc}`}` },
		{ page: 'Runde', path: `/?runde=${roundId}${jc && `&${jc}`}` }
	];
	return {
		// Without `jc` an analyst's `/` is the register with national follower totals: timed as well.
		analyst: [{ page: '/ (register)', path: '/' }, ...pages(`jc=${setup.code}`)],
		jobcenter: pages('')
	};
}

export async function benchPages(setup: PageSetup, warmup: number, say: (s: string) => void) {
	await createUser(setup, 'analyst');
	await createUser(setup, 'jobcenter');
	const roundId = await createRound(setup);
	const paths = pagePaths(setup, roundId);

	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const env = {
		...setup.env,
		DATABASE_PATH: setup.database,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: origin,
		DEMO: '0'
	};
	let server: ChildProcess | null = null;
	try {
		server = await startServer(setup.buildDir, env, origin);
		const timings: PageTiming[] = [];
		const home = { html: '', link: '' };
		for (const role of ['analyst', 'jobcenter'] as const) {
			const cookie = await login(origin, EMAIL[role], PASSWORD);
			for (const { page, path } of paths[role]) {
				say(`  ${role} ${path}`);
				const get = () => send(origin + path, { headers: { cookie, accept: 'text/html' } });
				const first = await get();
				if (first.status !== 200)
					throw new Error(`GET ${path} as ${role} answered HTTP ${first.status}.`);
				if (role === 'jobcenter' && page === '/') {
					home.html = first.body;
					home.link = String(first.headers.link ?? '');
				}
				for (let i = 1; i < warmup; i++) await get();
				const ms: number[] = [];
				for (let i = 0; i < setup.requests; i++) ms.push((await get()).ms);
				const data: number[] = [];
				for (let i = 0; i < Math.max(5, setup.requests / 4); i++) {
					data.push((await send(origin + dataPath(path), { headers: { cookie } })).ms);
				}
				timings.push({ role, page, path, ...latencies(ms), load: latencies(data) });
			}
		}
		return { timings, home, roundId };
	} finally {
		closeConnections();
		server?.kill();
	}
}
