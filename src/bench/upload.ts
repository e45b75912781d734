/** The upload page driven over HTTP as a browser without JavaScript drives it: post the file, follow the job's status page, commit. */
import type { Agent } from 'node:http';
import { send } from './http';

export interface Client {
	origin: string;
	cookie: string;
	agent: Agent;
}

/** How often the status page is asked again; the page itself refreshes every 2 s without JavaScript. */
const STATUS_EVERY_MS = 250;
const GIVE_UP_MS = 15 * 60_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function headers(client: Client, extra: Record<string, string> = {}) {
	return { cookie: client.cookie, origin: client.origin, accept: 'text/html', ...extra };
}

/** Follows a 303 through `/hochladen/status` until the job leads elsewhere; throws if it failed. */
async function follow(client: Client, what: string, status: number, location: unknown) {
	const started = performance.now();
	let target = String(location ?? '');
	if (status !== 303) throw new Error(`${what} answered HTTP ${status}, not a redirect.`);
	while (target.startsWith('/hochladen/status')) {
		if (performance.now() - started > GIVE_UP_MS) throw new Error(`${what} did not end.`);
		await pause(STATUS_EVERY_MS);
		const page = await send(client.origin + target, {
			agent: client.agent,
			headers: headers(client)
		});
		if (page.status === 303) target = String(page.headers.location);
		else if (page.status !== 200 || page.body.includes('role="alert"'))
			throw new Error(
				`${what} failed: the status page answered HTTP ${page.status} with an alert.`
			);
	}
	return target;
}

export interface Multipart {
	type: string;
	body: Uint8Array;
}

/** The form's body, encoded ahead, so that encoding a big file does not hold up the timed requests. */
export async function fileForm(
	fileName: string,
	bytes: Uint8Array<ArrayBuffer>
): Promise<Multipart> {
	const form = new FormData();
	form.append('file', new Blob([bytes], { type: 'text/csv' }), fileName);
	const encoded = new Response(form);
	return {
		type: encoded.headers.get('content-type') ?? '',
		body: new Uint8Array(await encoded.arrayBuffer())
	};
}

/** Posts the file to the preview action; resolves with the staged file's token once it is checked. */
export async function preview(client: Client, form: Multipart) {
	const response = await send(`${client.origin}/hochladen?/preview`, {
		method: 'POST',
		agent: client.agent,
		headers: headers(client, { 'content-type': form.type }),
		body: form.body
	});
	const target = await follow(client, 'The preview', response.status, response.headers.location);
	const token = new URL(target, client.origin).searchParams.get('token');
	if (!token) throw new Error(`The preview led to ${target}, not to the checked file.`);
	// The user reads the preview before committing.
	const page = await send(client.origin + target, {
		agent: client.agent,
		headers: headers(client)
	});
	if (page.status !== 200) throw new Error(`The preview page answered HTTP ${page.status}.`);
	return token;
}

/** Commits the checked file; resolves with the new upload's page once it is written. */
export async function commit(client: Client, token: string) {
	const response = await send(`${client.origin}/hochladen?token=${token}&/commit`, {
		method: 'POST',
		agent: client.agent,
		headers: headers(client, { 'content-type': 'application/x-www-form-urlencoded' }),
		body: ''
	});
	const target = await follow(client, 'The commit', response.status, response.headers.location);
	if (!target.startsWith('/lieferungen?neu=')) throw new Error(`The commit led to ${target}.`);
	return target;
}
