/** Starts the database once, and gives every request its language and its viewer; without a login only /login opens. */
import type { Handle, RequestEvent, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building, dev } from '$app/environment';
import { m } from '$lib/paraglide/messages';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { redeemReportToken } from '$lib/server/auth/reportToken';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/sessions';
import { StartupError } from '$lib/server/db';
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

const language: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** Pages anyone may open: signing in needs them, and the legal pages must be readable by everyone. */
const PUBLIC_PATHS = ['/login', '/sprache', '/impressum', '/datenschutz', '/barrierefreiheit'];

function loginRedirect(event: RequestEvent): Response {
	const accept = event.request.headers.get('accept') ?? '';
	if (!accept.includes('text/html')) {
		return new Response(JSON.stringify({ message: m.error_401() }), {
			status: 401,
			headers: { 'content-type': 'application/json' }
		});
	}
	const back = event.url.pathname + event.url.search;
	const target = back === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(back)}`;
	return new Response(null, { status: 303, headers: { location: target } });
}

const viewer: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.viewer = token ? await validateSession(db(), token) : null;
	if (token && !event.locals.viewer) event.cookies.delete(SESSION_COOKIE, { path: '/' });
	// The PDF command line opens one report with a one-shot token instead of a password.
	event.locals.viewer ??= await redeemReportToken(db(), event.url);
	if (!event.locals.viewer && !PUBLIC_PATHS.includes(event.url.pathname)) return loginRedirect(event);
	return resolve(event);
};

export const handle = sequence(language, viewer);
