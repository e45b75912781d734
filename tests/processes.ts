/** Starts the production build or a CLI as a child process for tests of start-up, backup and restore. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Finished {
	code: number | null;
	stdout: string;
	stderr: string;
}

export function tempPath(name: string): string {
	return join(mkdtempSync(join(tmpdir(), 'benchlearn-test-')), name);
}

export function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** Runs a command to its end (at most 60 s) and collects its output. */
export function run(
	command: string,
	args: string[],
	env: Record<string, string>,
	input?: string
): Promise<Finished> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { env: { ...process.env, ...env } });
		child.stdin.end(input ?? '');
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${command} ${args.join(' ')} did not end within 60 s`));
		}, 60_000);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

export function cli(
	script: string,
	args: string[],
	env: Record<string, string>,
	input?: string
): Promise<Finished> {
	return run('npx', ['tsx', `src/cli/${script}.ts`, ...args], env, input);
}

/** Starts `node build` and waits until it listens; `stop()` ends it. */
export async function startServer(env: Record<string, string>) {
	const port = await freePort();
	const child = spawn('node', [process.env.BUILD_DIR || 'build'], {
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: `http://127.0.0.1:${port}`,
			...env
		}
	});
	let stderr = '';
	child.stderr.on('data', (d) => (stderr += d));
	await new Promise<void>((resolve, reject) => {
		child.stdout.on('data', (d) => String(d).includes('Listening') && resolve());
		child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
	});
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		/** The server process itself, for tests that stop or kill it (`node build` has no wrapper). */
		child,
		/** What the server has written to stderr so far. */
		stderr: () => stderr,
		stop: () =>
			new Promise<void>((resolve) => {
				child.on('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}

/**
 * Starts a CLI through tsx in a process group of its own, so that a test can stop or kill every
 * process of it at once (npx, tsx and the node process that runs the script).
 */
export function startCli(script: string, args: string[], env: Record<string, string>) {
	const child = spawn('npx', ['tsx', `src/cli/${script}.ts`, ...args], {
		env: { ...process.env, ...env },
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', (d) => (stdout += d));
	child.stderr!.on('data', (d) => (stderr += d));
	const finished = new Promise<Finished & { signal: NodeJS.Signals | null }>((resolve) =>
		child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
	);
	return { child, finished, signal: (name: NodeJS.Signals) => signalGroup(child, name) };
}

/** Sends a signal to the process group that `child` leads. */
export function signalGroup(child: ChildProcess, name: NodeJS.Signals): void {
	process.kill(-child.pid!, name);
}
