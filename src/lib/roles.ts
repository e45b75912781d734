/** Role names as the UI says them. */
import { m } from '$lib/paraglide/messages';

export function roleName(role: string): string {
	return role === 'admin'
		? m.role_admin()
		: role === 'analyst'
			? m.role_analyst()
			: m.role_jobcenter();
}
