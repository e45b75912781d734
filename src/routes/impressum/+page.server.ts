/** The Impressum: open to everyone, the operator's details from OPERATOR_CONFIG. */
import { operatorPageData } from '$lib/server/operator';
import { config } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

// Public on purpose: the operator's published contact details and the app's generic text, nothing of any account.
export const load: PageServerLoad = () => operatorPageData(config().operatorConfigPath);
