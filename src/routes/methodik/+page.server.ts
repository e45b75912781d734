import { uiLocale } from '$lib/i18n/locale';
import { authorise } from '$lib/server/auth/authorise';
import { formatTable } from '$lib/server/ingest/native/formats';
import { KPIS, UNIT_LABELS } from '$lib/server/kpi/catalogue';
import { SIZE_NEIGHBOURS } from '$lib/server/kpi/peers';
import { readKpiSettings } from '$lib/server/kpi/settings';
import { formulaText } from './formula';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	authorise(locals, 'read');
	const locale = uiLocale();
	const settings = readKpiSettings();
	const kpis = KPIS.map((k) => ({
		id: k.id,
		area: k.area,
		better: k.better,
		label: k.label[locale],
		description: k.description,
		unit: UNIT_LABELS[k.unit][locale],
		formula: formulaText(k.formula, locale, settings.fteHoursPerMonth)
	}));
	return { kpis, settings, sizeNeighbours: SIZE_NEIGHBOURS, exportFormats: formatTable() };
};
