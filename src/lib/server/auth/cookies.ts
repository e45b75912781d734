/** The session cookie's settings in one place: HttpOnly, SameSite=Lax, Secure behind HTTPS. */
import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './sessions';

export function setSessionCookie(cookies: Cookies, token: string, url: URL): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}

/** Only paths on this site, so that a crafted link cannot send people elsewhere after signing in. */
export function safeRedirect(target: unknown): string {
	const path = typeof target === 'string' ? target : '';
	return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}
