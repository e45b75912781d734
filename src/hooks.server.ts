/**
 * Starts the database once; gives every request its security headers, a log line, its language and its
 * viewer (without a login only the public paths open); sends old paths on to their new ones; gives every
 * unexpected error an id.
 */
import { randomBytes } from 'node:crypto';
import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building, dev } from '$app/environment';
import { m } from '$lib/paraglide/messages';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { redeemReportToken } from '$lib/server/auth/reportToken';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/sessions';
import { StartupError } from '$lib/server/db';
import { legacyLocation } from '$lib/server/legacyPaths';
import { log } from '$lib/server/log';
import { db, startServer } from '$lib/server/startup';

export const init: ServerInit = async () => {
	if (building) return;
	if (!dev) process.on('uncaughtException', explainAndExit);
	try {
		await startServer();
	} catch (e) {
		explainAndExit(e);
	}
};

/** Turns start-up failures into one sentence on stderr and a non-zero exit instead of a stack trace. */
function explainAndExit(e: unknown): never {
	const code = (e as { code?: string }).code;
	if (code === 'EADDRINUSE' || code === 'EACCES') {
		const port = process.env.PORT ?? '3000';
		console.error(
			code === 'EADDRINUSE'
				? `Port ${port} is already in use. Stop the other program or start with another port, e.g. PORT=3001.`
				: `Port ${port} may not be opened by this user. Choose a port above 1024, e.g. PORT=3000.`
		);
	} else if (e instanceof StartupError) {
		console.error(e.message);
	} else {
		console.error(e);
	}
	process.exit(1);
}

/**
 * The printed report alone writes a <style> element: its @page rule carries the running header (round
 * and jobcenter, escaped as CSS strings) and the page numbers, which no bundled style sheet can know.
 */
const PRINTED_REPORT = '/runden/[id=id]/bericht';
const STYLE_ELEM = "style-src-elem 'self'";

/**
 * Headers the CSP of `svelte.config.js` cannot give: they hold for every answer, also downloads,
 * JSON and redirects (static files under /_app are served before this hook; see the README).
 */
const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('x-content-type-options', 'nosniff');
	headers.set('x-frame-options', 'DENY');
	headers.set('referrer-policy', 'same-origin');
	headers.set('cross-origin-opener-policy', 'same-origin');
	headers.set('cross-origin-resource-policy', 'same-origin');
	// The app uses none of these; a script injected despite the CSP may not either.
	headers.set(
		'permissions-policy',
		'camera=(), microphone=(), geolocation=(), payment=(), usb=(), accelerometer=(), gyroscope=(), magnetometer=()'
	);
	// Pages get their CSP from SvelteKit; every other answer (a CSV, JSON) may load and run nothing.
	const csp = headers.get('content-security-policy');
	if (csp && event.route.id === PRINTED_REPORT) {
		headers.set(
			'content-security-policy',
			csp.replace(STYLE_ELEM, `${STYLE_ELEM} 'unsafe-inline'`)
		);
	} else if (!csp) {
		headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
	}
	// What a signed-in person sees stays out of shared caches and the browser's disk cache.
	if (event.locals.viewer && !headers.has('cache-control')) {
		headers.set('cache-control', 'private, no-store');
	}
	// The URL is https when ORIGIN says so or the proxy's PROTOCOL_HEADER does (adapter-node).
	if (event.url.protocol === 'https:') {
		headers.set('strict-transport-security', 'max-age=31536000');
	}
	return response;
};

/** One log line per request; the path without its query, which may carry a token. */
const requestLog: Handle = async ({ event, resolve }) => {
	const start = performance.now();
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		return response;
	} finally {
		// A monitor's healthy probes every few seconds would drown the rest; LOG_LEVEL=debug shows them.
		const quiet = event.route.id === '/healthz' && status === 200;
		log[quiet ? 'debug' : 'info'](
			{
				method: event.request.method,
				route: event.route.id,
				path: event.url.pathname,
				status,
				ms: Math.round(performance.now() - start),
				userId: event.locals.viewer?.userId ?? null
			},
			'request'
		);
	}
};

/**
 * An old English path (see legacyPaths.ts) answers 308 to its German successor, the rest of the path and
 * the query kept; 308, not 301, so that a browser sends a form's POST and its body again to the new path.
 * A GET (or HEAD) with an old query-parameter name answers 308 to the same page with the new name; a
 * POST's query names no filter, so it is left alone.
 */
const oldPaths: Handle = ({ event, resolve }) => {
	const read = event.request.method === 'GET' || event.request.method === 'HEAD';
	const location = legacyLocation(event.url.pathname, event.url.search, read);
	if (location === null) return resolve(event);
	return new Response(null, { status: 308, headers: { location } });
};

const language: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** Pages anyone may open: signing in needs them, and the legal pages must be readable by everyone. */
const PUBLIC_PATHS = [
	'/anmelden',
	'/sprache',
	'/healthz',
	'/impressum',
	'/datenschutz',
	'/barrierefreiheit'
];

function loginRedirect(event: RequestEvent): Response {
	const accept = event.request.headers.get('accept') ?? '';
	if (!accept.includes('text/html')) {
		return new Response(JSON.stringify({ message: m.error_401() }), {
			status: 401,
			headers: { 'content-type': 'application/json' }
		});
	}
	const back = event.url.pathname + event.url.search;
	const target = back === '/' ? '/anmelden' : `/anmelden?redirectTo=${encodeURIComponent(back)}`;
	return new Response(null, { status: 303, headers: { location: target } });
}

const viewer: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.viewer = token ? await validateSession(db(), token) : null;
	if (token && !event.locals.viewer) clearSessionCookie(event.cookies, event.url);
	// The PDF command line opens one report with a one-shot token instead of a password.
	event.locals.viewer ??= await redeemReportToken(db(), event.url);
	if (!event.locals.viewer && !PUBLIC_PATHS.includes(event.url.pathname))
		return loginRedirect(event);
	return resolve(event);
};

export const handle = sequence(securityHeaders, requestLog, oldPaths, language, viewer);

/**
 * An unexpected error (a bug, a broken database) gets a short id that the error page shows, and one
 * log line with that id, the route, the user and the stack, so that an operator can find it. Form
 * data and file contents are never logged. Not-found paths are expected: the request line has them.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status < 500) return { message };
	const id = randomBytes(4).toString('hex');
	log.error(
		{
			errorId: id,
			method: event.request.method,
			route: event.route.id,
			path: event.url.pathname,
			status,
			userId: event.locals.viewer?.userId ?? null,
			err: error
		},
		'unexpected error'
	);
	// The message is the whole text of src/error.html, the page SvelteKit falls back to when even
	// the frame fails (and for downloads); +error.svelte shows its own German text and the id.
	return {
		message: `Es ist ein unerwarteter Fehler aufgetreten. Bitte versuchen Sie es später noch einmal. Bitte nennen Sie den Fehlercode ${id}, wenn Sie den Fehler melden.`,
		id
	};
};
