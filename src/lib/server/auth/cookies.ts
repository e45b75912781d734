/** The cookies' settings in one place: SameSite=Lax, Secure behind HTTPS, the session's HttpOnly. */
import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './sessions';

/**
 * Secure exactly when the origin is HTTPS: adapter-node builds the URL from ORIGIN or from the
 * proxy's PROTOCOL_HEADER. Over plain HTTP a Secure cookie would be dropped by the browser.
 */
const secure = (url: URL) => url.protocol === 'https:';

export function setSessionCookie(cookies: Cookies, token: string, url: URL): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(url)
	});
}

/** With the same flags as it was set: SvelteKit's default, Secure, would be dropped over plain HTTP. */
export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(url)
	});
}

export const LANGUAGE_COOKIE = 'PARAGLIDE_LOCALE';

/**
 * The chosen language. Not HttpOnly: Paraglide reads it in the browser too, so that the hydrated
 * page speaks the language the server rendered; it holds only `de` or `en`.
 */
export function setLanguageCookie(cookies: Cookies, locale: string, url: URL): void {
	cookies.set(LANGUAGE_COOKIE, locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		secure: secure(url),
		maxAge: 60 * 60 * 24 * 400
	});
}

/** The longest path a sign-in goes back to; a page's own URL with its filters is far shorter. */
const MAX_REDIRECT = 2000;

/** Only paths on this site, so that a crafted link cannot send people elsewhere after signing in. */
export function safeRedirect(target: unknown): string {
	const path = typeof target === 'string' ? target : '';
	const local = path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');
	return local && path.length <= MAX_REDIRECT ? path : '/';
}
