/**
 * `npm run kpi -- --jobcenter CODE [--from YYYY-MM --to YYYY-MM | --round ID]
 * [--peers round:ID|ring|carrier|state|size|goals|all] [--channel ID[,ID…]] [--json]`:
 * one jobcenter's KPIs against a peer group, as a German table or as JSON for scripts.
 */
import { parseArgs } from 'node:util';
import { CHANNEL_IDS } from '$lib/channels';
import { addMonths, isMonth, type Month } from '$lib/months';
import { currentMonth } from '$lib/server/clock';
import type { DB } from '$lib/server/db';
import { KpiRequestError } from '$lib/server/kpi/engine';
import type { PeerGroupSpec } from '$lib/server/kpi/peers';
import { comparison, type Shown } from '$lib/server/kpi/present';
import {
	defaultPeerGroup,
	DEFAULT_MONTHS,
	groupPeriod,
	isPeerGroupName,
	parseChannels,
	peerSpec
} from '$lib/server/kpi/request';
import { liveSource } from '$lib/server/kpi/source';
import type { DataSource, JobcenterRecord } from '$lib/server/kpi/types';
import { getRound } from '$lib/server/rounds';
import { exit, openAppDatabase, run, useLang, type Lang } from './common';
import { kpiTable } from './kpi-table';

const USAGE =
	'Usage: npm run kpi -- --jobcenter CODE [--from YYYY-MM --to YYYY-MM | --round ID] [--peers round:ID|ring|carrier|state|size|goals|all] [--channel ID[,ID…]] [--json] [--lang de|en]';

let lang: Lang = 'de';
/** A message on stderr in the language of `--lang`. */
const t = (de: string, en: string) => (lang === 'en' ? en : de);

function readOptions() {
	try {
		const { values } = parseArgs({
			options: {
				jobcenter: { type: 'string' },
				from: { type: 'string' },
				to: { type: 'string' },
				round: { type: 'string' },
				peers: { type: 'string' },
				channel: { type: 'string' },
				json: { type: 'boolean', default: false },
				lang: { type: 'string' }
			}
		});
		return values;
	} catch (e) {
		exit(`${(e as Error).message}\n${USAGE}`);
	}
}

type Options = ReturnType<typeof readOptions>;

/** The period the options name, or null for the default; exits on a malformed one. */
function explicitPeriod(o: Options): { from: Month; to: Month } | null {
	if (o.round !== undefined && (o.from !== undefined || o.to !== undefined)) {
		exit(
			t(
				'Bitte geben Sie entweder --from und --to oder --round an, nicht beides.',
				'Give either --from and --to or --round, not both.'
			)
		);
	}
	if (o.from === undefined && o.to === undefined) return null;
	if (o.from === undefined || o.to === undefined)
		exit(t('Bitte geben Sie --from und --to zusammen an.', 'Give --from and --to together.'));
	for (const month of [o.from, o.to]) {
		if (!isMonth(month))
			exit(t(`„${month}“ ist kein Monat im Format JJJJ-MM.`, `"${month}" is not a month YYYY-MM.`));
	}
	if (o.from > o.to)
		exit(
			t(
				`Der Zeitraum beginnt (${o.from}) nach seinem Ende (${o.to}).`,
				`The period begins (${o.from}) after its end (${o.to}).`
			)
		);
	return { from: o.from, to: o.to };
}

async function roundOf(db: DB, raw: string) {
	const round = /^\d+$/.test(raw) ? await getRound(db, Number(raw)) : null;
	return (
		round ??
		exit(
			t(
				`Die Runde „${raw}“ gibt es nicht; npm run round -- list zeigt alle Runden.`,
				`There is no round "${raw}"; npm run round -- list shows every round.`
			)
		)
	);
}

async function peerGroup(db: DB, o: Options, self: JobcenterRecord): Promise<PeerGroupSpec> {
	const name =
		o.peers ?? (o.round !== undefined ? `round:${o.round}` : defaultPeerGroup(self.ring));
	if (name.startsWith('round:')) {
		const round = await roundOf(db, name.slice('round:'.length));
		if (!round.participants.some((p) => p.id === self.id)) {
			exit(
				t(
					`Das Jobcenter ${self.code} nimmt an der Runde ${round.id} nicht teil.`,
					`Jobcenter ${self.code} does not take part in round ${round.id}.`
				)
			);
		}
		return { type: 'round', id: round.id, members: round.participants.map((p) => p.id) };
	}
	if (!isPeerGroupName(name)) {
		exit(
			t(
				`Die Vergleichsgruppe „${name}“ gibt es nicht; möglich sind round:ID, ring, carrier, state, size, goals und all.`,
				`There is no peer group "${name}"; choose round:ID, ring, carrier, state, size, goals or all.`
			)
		);
	}
	if (name === 'ring' && !self.ring) {
		exit(
			t(
				`Das Jobcenter ${self.code} gehört zu keinem Vergleichsring; wählen Sie mit --peers eine andere Vergleichsgruppe.`,
				`Jobcenter ${self.code} belongs to no ring; choose another peer group with --peers.`
			)
		);
	}
	if (name === 'goals' && !self.goals?.length) {
		exit(
			t(
				`Das Jobcenter ${self.code} hat keinen Steckbrief mit Zielen; wählen Sie mit --peers eine andere Vergleichsgruppe.`,
				`Jobcenter ${self.code} has no practice profile with goals; choose another peer group with --peers.`
			)
		);
	}
	return peerSpec(name);
}

/** The 12 months up to the group's newest data, as the engine would select the group at the current month. */
async function latestPeriod(source: DataSource, self: JobcenterRecord, peers: PeerGroupSpec) {
	const now = currentMonth();
	const period = await groupPeriod(source, self, peers, now);
	return period ?? { from: addMonths(now, -(DEFAULT_MONTHS - 1)), to: now };
}

/** The contract of `--json`: plain numbers, no deviation, and the jobcenter by its code. */
function asJson(result: Shown) {
	return {
		jobcenter: result.jobcenter.code,
		period: result.period,
		peers: result.peers,
		kpis: result.kpis.map(({ id, area, unit, value, peer, suppressed, percentile, quartile }) => {
			return { id, area, unit, value, peer, suppressed, percentile, quartile };
		})
	};
}

run(async () => {
	const o = readOptions();
	lang = useLang(o.lang, USAGE);
	if (!o.jobcenter) exit(`${t('--jobcenter fehlt.', '--jobcenter is missing.')}\n${USAGE}`);
	const period = explicitPeriod(o);
	const { channels, unknown } = parseChannels(o.channel ?? '');
	if (unknown.length > 0) {
		exit(
			t(
				`Den Kanal „${unknown.join(', ')}“ gibt es nicht; möglich sind ${CHANNEL_IDS.join(', ')}.`,
				`There is no channel "${unknown.join(', ')}"; choose from ${CHANNEL_IDS.join(', ')}.`
			)
		);
	}
	const db = await openAppDatabase();
	try {
		const source = liveSource(db);
		const self = (await source.jobcenters()).find((r) => r.code === o.jobcenter);
		if (!self)
			exit(
				t(
					`Das Jobcenter „${o.jobcenter}“ gibt es nicht.`,
					`There is no jobcenter "${o.jobcenter}".`
				)
			);
		const peers = await peerGroup(db, o, self);
		const round = o.round !== undefined ? await roundOf(db, o.round) : null;
		const { from, to } = round ?? period ?? (await latestPeriod(source, self, peers));
		const request = {
			jobcenterId: self.id,
			from,
			to,
			peers,
			channels: channels.length ? channels : null
		};
		// The command line has no viewer option: it reads as an analyst, who sees every figure.
		const result = await comparison(source, request, 'analyst').catch((e: unknown) => {
			if (e instanceof KpiRequestError) exit(e.message);
			throw e;
		});
		process.stdout.write(
			o.json ? JSON.stringify(asJson(result)) + '\n' : kpiTable(result, self.name)
		);
	} finally {
		await db.destroy();
	}
});
