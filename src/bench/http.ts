/** A minimal HTTP client for the benchmark: keep-alive, one request at a time, the session cookie by hand. */
import { Agent, request } from 'node:http';

export const SESSION_COOKIE = 'benchlearn_session';

export interface Response {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	ms: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** A client of its own (keep-alive, one request at a time), for requests that run beside others. */
export function newAgent(): Agent {
	return new Agent({ keepAlive: true, maxSockets: 1 });
}

/** One request, timed from sending to the last byte of the body. */
export function send(
	url: string,
	options: {
		method?: string;
		headers?: Record<string, string>;
		body?: string | Uint8Array;
		agent?: Agent;
	} = {}
): Promise<Response> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const req = request(
			url,
			{ method: options.method ?? 'GET', headers: options.headers, agent: options.agent ?? agent },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks).toString('utf8'),
						ms: performance.now() - started
					})
				);
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end(options.body);
	});
}

/** Signs in through the login form action and returns the Cookie header for later requests. */
export async function login(
	origin: string,
	email: string,
	password: string,
	client?: Agent
): Promise<string> {
	const response = await send(`${origin}/anmelden`, {
		agent: client,
		method: 'POST',
		// Without `accept: text/html` SvelteKit answers the action as JSON instead of with a 303.
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password }).toString()
	});
	const cookies = [response.headers['set-cookie'] ?? []].flat();
	const session = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
	if (response.status !== 303 || !session) {
		throw new Error(`Signing in as ${email} failed with HTTP ${response.status}.`);
	}
	return session.split(';')[0];
}

export function closeConnections(): void {
	agent.destroy();
}
