/** The privacy policy: open to everyone; the operator's part from OPERATOR_CONFIG, the app's own numbers from its settings. */
import { idleMinutes } from '$lib/server/auth/sessions';
import { WINDOW_MS } from '$lib/server/auth/throttle';
import { operatorPageData } from '$lib/server/operator';
import { config } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

// Public on purpose: the operator's published contact details and the app's generic text, nothing of any account.
export const load: PageServerLoad = () => ({
	...operatorPageData(config().operatorConfigPath),
	sessionMinutes: idleMinutes(),
	failureWindowMinutes: WINDOW_MS / 60_000
});
