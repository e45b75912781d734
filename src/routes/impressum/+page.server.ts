/** The Impressum: open to everyone, the operator's details from OPERATOR_CONFIG. */
import { operatorPageData } from '$lib/server/operator';
import { config } from '$lib/server/startup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => operatorPageData(config().operatorConfigPath);
