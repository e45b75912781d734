/** Child processes for the benchmark: run one to its end with wall time and peak memory, or start a server. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface Finished {
	code: number | null;
	stdout: string;
	stderr: string;
	ms: number;
	/** The largest resident set of any Node process in the tree, in bytes; null for other programs. */
	peakRss: number | null;
}

export type Env = Record<string, string | undefined>;

// Preloaded into every Node process of the tree (npm, tsx and the tsx worker): each writes its own
// peak RSS on exit, because Node only reports the peak of the process itself.
const RSS_PRELOAD = `process.on('exit', () => {
	require('node:fs').writeFileSync(
		require('node:path').join(process.env.BENCH_RSS_DIR, 'rss-' + process.pid),
		String(process.resourceUsage().maxRSS * 1024)
	);
});
`;

/** Runs a command to its end; `rssDir` (an empty folder) turns on peak RSS measurement. */
export function runCommand(
	command: string,
	args: string[],
	options: { env?: Env; input?: string; rssDir?: string } = {}
): Promise<Finished> {
	const env: Env = { ...process.env, ...options.env };
	if (options.rssDir) {
		const preload = join(options.rssDir, 'preload.cjs');
		writeFileSync(preload, RSS_PRELOAD);
		env.BENCH_RSS_DIR = options.rssDir;
		env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --require ${preload}`.trim();
	}
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const stdin = options.input === undefined ? 'ignore' : 'pipe';
		const child = spawn(command, args, { env, stdio: [stdin, 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk) => (stdout += chunk));
		child.stderr?.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			const ms = performance.now() - started;
			resolve({
				code,
				stdout,
				stderr,
				ms,
				peakRss: options.rssDir ? peakRss(options.rssDir) : null
			});
		});
		// A program that exits without reading its input must not take the benchmark down with EPIPE.
		child.stdin?.on('error', () => {});
		child.stdin?.end(options.input);
	});
}

function peakRss(dir: string): number | null {
	const sizes = readdirSync(dir)
		.filter((name) => name.startsWith('rss-'))
		.map((name) => Number(readFileSync(join(dir, name), 'utf8')));
	for (const name of readdirSync(dir)) rmSync(join(dir, name));
	return sizes.length ? Math.max(...sizes) : null;
}

/** Fails with the command's own words when it did not succeed. */
export function succeeded(what: string, result: Finished): Finished {
	if (result.code !== 0) {
		throw new Error(
			`${what} failed (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim()}`
		);
	}
	return result;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** Starts `node DIR` and waits until it answers HTTP. */
export async function startServer(
	buildDir: string,
	env: Env,
	origin: string
): Promise<ChildProcess> {
	// E.g. `BENCHLEARN_SERVER_NODE_ARGS=--cpu-prof`, to see what holds up the server's thread.
	const nodeArgs = process.env.BENCHLEARN_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
	const child = spawn(process.execPath, [...nodeArgs, buildDir], {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	child.stderr?.on('data', (chunk) => (stderr += chunk));
	for (let i = 0; i < 200; i++) {
		if (child.exitCode !== null) throw new Error(`The server stopped: ${stderr.trim()}`);
		try {
			await fetch(`${origin}/anmelden`);
			return child;
		} catch {
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
	child.kill();
	throw new Error(`The server did not answer within 20 s: ${stderr.trim()}`);
}
