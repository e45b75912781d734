/**
 * The server under an import: while an analyst previews and commits the national file through the
 * web, a jobcenter user polls `/`, ten people sign in and a colleague uploads a small file; the
 * server's own event-loop delay comes from its SIGUSR2 report.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addMonths } from '$lib/months';
import { EVENT_LOOP_LINE, type EventLoopDelay } from '$lib/server/eventLoop';
import type { DataFiles, Scale } from './dataset';
import { login, newAgent, send } from './http';
import { withRegister } from './ingest';
import { createUser, EMAIL, PASSWORD } from './pages';
import { freePort, startServer, type Env } from './process';
import { latencies, type Latency } from './stats';
import { commit, fileForm, preview, type Client } from './upload';

export interface LoadPhase {
	/** The analyst's wait: from posting the form to the page that follows the job. */
	ms: number;
	/** `GET /` as the jobcenter user, every 100 ms. */
	poll: Latency;
	/** Polls answered with anything but 200, or not at all. */
	pollsFailed: number;
	eventLoop: EventLoopDelay;
}

export interface WebLoad {
	rows: number;
	preview: LoadPhase;
	commit: LoadPhase;
	/** Each sign-in's answer time, during the commit. */
	logins: number[];
	loginsFailed: number;
	/** The colleague's small file, posted during the commit: preview and commit, waiting included. */
	secondUpload: { ms: number; succeeded: boolean };
}

const POLL_EVERY_MS = 100;
const LOGINS = 10;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks the server for its event-loop delay since the last question (and resets it). */
function eventLoopReports(server: ChildProcess) {
	const waiting: ((delay: EventLoopDelay) => void)[] = [];
	let buffer = '';
	server.stderr?.on('data', (chunk: Buffer) => {
		buffer += chunk.toString('utf8');
		const lines = buffer.split('\n');
		buffer = lines.pop() ?? '';
		for (const line of lines) {
			if (line.startsWith(EVENT_LOOP_LINE)) {
				waiting.shift()?.(JSON.parse(line.slice(EVENT_LOOP_LINE.length)));
			}
		}
	});
	return () =>
		new Promise<EventLoopDelay>((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new Error('The server sent no event-loop report.')),
				10_000
			);
			waiting.push((delay) => {
				clearTimeout(timer);
				resolve(delay);
			});
			server.kill('SIGUSR2');
		});
}

/** Polls `/` on a connection of its own until stopped. */
function pollHome(origin: string, cookie: string) {
	const agent = newAgent();
	const ms: number[] = [];
	let failed = 0;
	let running = true;
	const loop = (async () => {
		while (running) {
			const started = performance.now();
			try {
				const answer = await send(`${origin}/`, {
					agent,
					headers: { cookie, accept: 'text/html' }
				});
				if (answer.status === 200) ms.push(answer.ms);
				else failed++;
			} catch {
				failed++;
				ms.push(performance.now() - started);
			}
			await pause(POLL_EVERY_MS);
		}
	})();
	return async () => {
		running = false;
		await loop;
		agent.destroy();
		return { poll: latencies(ms), pollsFailed: failed };
	};
}

/** The jobcenter's figures of the data set's first month moved `back` months earlier: rows no other upload writes. */
function smallFile(
	canonical: string,
	scale: Scale,
	code: string,
	back: number
): Uint8Array<ArrayBuffer> {
	const first = addMonths(scale.until, 1 - scale.months);
	const before = addMonths(first, -back);
	const [header, ...lines] = canonical.split('\n');
	const own = lines.filter((line) => line.startsWith(`${code},${first},`));
	const moved = own.map((line) => line.replace(`,${first},`, `,${before},`));
	return new TextEncoder().encode([header, ...moved].join('\n') + '\n');
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const started = performance.now();
	const value = await work();
	return { ms: performance.now() - started, value };
}

/** One phase: the step (which gives the analyst's wait) with the poll and the event-loop report around it. */
async function phase(
	step: () => Promise<number>,
	poll: () => () => Promise<Pick<LoadPhase, 'poll' | 'pollsFailed'>>,
	report: () => Promise<EventLoopDelay>
): Promise<LoadPhase> {
	await report();
	const stop = poll();
	const ms = await step();
	const polled = await stop();
	return { ms, ...polled, eventLoop: await report() };
}

export async function benchWebLoad(
	buildDir: string,
	dir: string,
	files: DataFiles,
	scale: Scale,
	code: string,
	env: Env
): Promise<WebLoad> {
	const database = join(dir, 'web.db');
	await withRegister(database, files, env);
	await createUser({ database, env, code }, 'analyst');
	await createUser({ database, env, code }, 'jobcenter');
	const bytes = readFileSync(files.canonical);
	const national = await fileForm('metrics.csv', bytes);
	const text = bytes.toString('utf8');
	const warmUp = await fileForm('eigene-zahlen.csv', smallFile(text, scale, code, 2));
	const small = await fileForm('eigene-zahlen.csv', smallFile(text, scale, code, 1));
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const server = await startServer(
		buildDir,
		{
			...env,
			DATABASE_PATH: database,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DEMO: '0',
			BENCHLEARN_EVENT_LOOP: '1',
			UPLOAD_MAX_MB: String(Math.ceil(bytes.length / 1024 ** 2) + 5),
			BODY_SIZE_LIMIT: String(bytes.length + 1024 ** 2)
		},
		origin
	);
	const agents = [newAgent(), newAgent()];
	try {
		const report = eventLoopReports(server);
		const analyst: Client = {
			origin,
			cookie: await login(origin, EMAIL.analyst, PASSWORD, agents[0]),
			agent: agents[0]
		};
		const colleague: Client = {
			origin,
			cookie: await login(origin, EMAIL.jobcenter, PASSWORD, agents[1]),
			agent: agents[1]
		};
		// A server that has run for a while has loaded every page's code: one small upload first.
		await commit(colleague, await preview(colleague, warmUp));
		const poll = () => pollHome(origin, colleague.cookie);
		let token = '';
		const checked = await phase(
			async () => {
				const step = await timed(() => preview(analyst, national));
				token = step.value;
				return step.ms;
			},
			poll,
			report
		);

		// The others start spread over about the time the check took, so that some meet the write.
		const spread = checked.ms * 0.15;
		const logins: Promise<number | null>[] = [];
		let second: Promise<{ ms: number; succeeded: boolean }> = Promise.resolve({
			ms: 0,
			succeeded: false
		});
		const committed = await phase(
			async () => {
				for (let i = 0; i < LOGINS; i++) {
					logins.push(
						pause(i * spread).then(async () => {
							const agent = newAgent();
							try {
								return (await timed(() => login(origin, EMAIL.analyst, PASSWORD, agent))).ms;
							} catch {
								return null;
							} finally {
								agent.destroy();
							}
						})
					);
				}
				second = pause(checked.ms * 0.75).then(() =>
					timed(async () => commit(colleague, await preview(colleague, small))).then(
						({ ms }) => ({ ms, succeeded: true }),
						() => ({ ms: 0, succeeded: false })
					)
				);
				const step = await timed(() => commit(analyst, token));
				await Promise.all([...logins, second]);
				return step.ms;
			},
			poll,
			report
		);
		const waits = await Promise.all(logins);
		return {
			rows: files.rows,
			preview: checked,
			commit: committed,
			logins: waits.filter((ms): ms is number => ms !== null),
			loginsFailed: waits.filter((ms) => ms === null).length,
			secondUpload: await second
		};
	} finally {
		for (const agent of agents) agent.destroy();
		server.kill();
	}
}
