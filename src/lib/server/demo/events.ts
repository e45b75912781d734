/** The demo's events: Meta's switch from Impressionen to Aufrufe for everyone, and a few jobcenters' own. */
import type { Kysely } from 'kysely';
import { addMonths, type Month } from '$lib/months';
import type { Database, EventKind } from '$lib/server/db/schema';
import { DEMO_JOBCENTER_CODE } from './jobcenters';

/** Meta made "Aufrufe" (views) the main figure of Facebook and Instagram in early 2025. */
const META_MONTH = '2025-02';

const BY = 'demo';

interface DemoEvent {
	code: string | null;
	channel: string | null;
	month: Month;
	kind: EventKind;
	title: string;
	note?: string;
}

function demoEvents(until: Month, others: string[]): DemoEvent[] {
	const meta = (channel: string): DemoEvent => ({
		code: null,
		channel,
		month: META_MONTH,
		kind: 'platform',
		title: 'Meta: Aufrufe ersetzen Impressionen',
		note: 'Meta zählt seitdem Aufrufe statt Impressionen; die Werte davor und danach sind nur bedingt vergleichbar.'
	});
	const [first, second] = others;
	return [
		meta('facebook'),
		meta('instagram'),
		{
			code: DEMO_JOBCENTER_CODE,
			channel: 'instagram',
			month: addMonths(until, -8),
			kind: 'campaign',
			title: 'Ausbildungskampagne „Dein Start bei uns“',
			note: 'Sechs Wochen mit Reels und bezahlten Beiträgen.'
		},
		{
			code: DEMO_JOBCENTER_CODE,
			channel: null,
			month: addMonths(until, -14),
			kind: 'staffing',
			title: 'Zweite Stelle für Social Media besetzt'
		},
		...(first
			? [
					{
						code: first,
						channel: 'tiktok',
						month: addMonths(until, -5),
						kind: 'channel' as const,
						title: 'Start auf TikTok'
					}
				]
			: []),
		...(second
			? [
					{
						code: second,
						channel: null,
						month: addMonths(until, -10),
						kind: 'staffing' as const,
						title: 'Redaktion drei Monate nur halb besetzt'
					}
				]
			: [])
	];
}

export async function insertDemoEvents(
	trx: Kysely<Database>,
	ids: Map<string, number>,
	until: Month
): Promise<void> {
	const others = [...ids.keys()].filter((c) => c !== DEMO_JOBCENTER_CODE).slice(0, 2);
	const rows = demoEvents(until, others)
		.filter((e) => e.code === null || ids.has(e.code))
		.map((e) => ({
			jobcenter_id: e.code === null ? null : (ids.get(e.code) as number),
			channel_id: e.channel,
			month: e.month,
			kind: e.kind,
			title: e.title,
			note: e.note ?? '',
			created_by: BY
		}));
	await trx.insertInto('series_event').values(rows).execute();
}
