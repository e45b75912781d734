/** Starts the database once, and gives every request its language and its viewer. */
import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building, dev } from '$app/environment';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { ANONYMOUS_ANALYST } from '$lib/server/auth/authorise';
import { StartupError } from '$lib/server/db';
import { startServer } from '$lib/server/startup';

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

const viewer: Handle = ({ event, resolve }) => {
	event.locals.viewer = ANONYMOUS_ANALYST;
	return resolve(event);
};

export const handle = sequence(language, viewer);
