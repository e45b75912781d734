/**
 * Demo practice profiles: invented but plausible Steckbriefe for most participants of a round,
 * the same for the same round every time. The texts never name a jobcenter, so that pseudonyms hold.
 */
import { CHANNEL_IDS, type ChannelId } from '$lib/channels';
import type { DB } from '$lib/server/db';
import {
	channelField,
	GOALS,
	writeProfile,
	type ProfileInput
} from '$lib/server/profiles/profiles';
import { DEMO_JOBCENTER_CODE } from './jobcenters';
import { createRandom, type Random } from './random';

const TARGET_GROUPS = [
	'Jugendliche und junge Erwachsene vor und nach dem Schulabschluss',
	'Alleinerziehende, die in Teilzeit einsteigen möchten',
	'Menschen mit Fluchtgeschichte, oft mit Deutsch als Zweitsprache',
	'Langzeitarbeitslose über 50',
	'Arbeitgeber aus Handwerk, Pflege und Logistik',
	'Eltern von Schülerinnen und Schülern der Abschlussklassen',
	'Kommunalpolitik, Kreistag und Presse in der Region',
	'Netzwerkpartner: Träger, Kammern, Beratungsstellen'
];

const PURPOSES: Partial<Record<ChannelId, string[]>> = {
	facebook: [
		'Termine, Infoveranstaltungen und Hinweise auf Änderungen bei Leistungen',
		'Erreichbarkeit und Öffnungszeiten, Fragen im Messenger',
		'Ältere Zielgruppen und Eltern erreichen'
	],
	instagram: [
		'Ausbildungsberufe in Reels vorstellen, Blick hinter die Kulissen',
		'Stellenangebote der Region und Erfolgsgeschichten',
		'Junge Menschen erreichen, Stories mit Fragerunden'
	],
	youtube: [
		'Erklärvideos zum Bürgergeld-Antrag und zu jobcenter.digital',
		'Mitschnitte von Infoabenden'
	],
	linkedin: [
		'Arbeitgeberservice, Fachkräftesicherung, Netzwerk mit Unternehmen',
		'Arbeitgeberkontakte und Stellen für Fachkräfte'
	],
	tiktok: ['Kurze Clips zu Ausbildung und Berufsorientierung, mit Azubis aus dem Haus'],
	x: ['Pressemitteilungen und Hinweise an Politik und Medien'],
	xing: ['Stellenanzeigen für Fachkräfte und Kontakt zu Personalverantwortlichen'],
	mastodon: ['Behördeninformationen, parallel zu X'],
	whatsapp: ['Kurze Hinweise auf Termine, Jobmessen und Änderungen'],
	threads: ['Test seit diesem Jahr, wenige Beiträge'],
	bluesky: ['Pressearbeit und Austausch mit Fachöffentlichkeit']
};

const ROLES = [
	'Redaktion (Pressestelle), Grafik über die Stabsstelle, Freigabe durch die Geschäftsführung',
	'Eine Social-Media-Beauftragte, unterstützt von zwei Integrationsfachkräften aus dem U25-Team',
	'Redaktion im Team Öffentlichkeitsarbeit; Antworten auf Fachfragen durch die Leistungsabteilung',
	'Zwei Azubis im Wechsel für Reels, Koordination durch die Beauftragte für Chancengleichheit',
	'Teamleitung Markt und Integration, Arbeitgeberservice liefert Stellen und Fotos zu'
];

const REPLY_BY = [
	'Die Redaktion, bei Fachfragen nach Rücksprache mit dem Leistungsbereich',
	'Das Social-Media-Team; persönliche Anliegen gehen an die Servicehotline',
	'Die Pressestelle der Kreisverwaltung gemeinsam mit dem Jobcenter',
	'Die Beauftragte für Social Media, vertreten durch die Teamleitung'
];

const MODERATION = [
	'Netiquette auf der Website verlinkt. Beleidigungen und persönliche Daten in Kommentaren werden ausgeblendet; wir bitten dann um eine Nachricht.',
	'Wir antworten sachlich und verweisen bei Einzelfällen auf die persönliche Ansprechperson. Hasskommentare werden dokumentiert und gelöscht.',
	'Kommentare mit Sozialdaten (BG-Nummer, Bescheide) blenden wir sofort aus und schreiben per Direktnachricht. Sonst wird nichts gelöscht.',
	'Gemeinsame Netiquette mit der Kreisverwaltung; Moderation werktags zweimal täglich.'
];

const TOOLS = [
	'Meta Business Suite',
	'Canva',
	'Redaktionsplan in Excel',
	'CapCut für Reels',
	'Microsoft Teams für Freigaben',
	'Hootsuite',
	'Diensthandy für Stories'
];

const WORKED = [
	'Reels mit unseren eigenen Azubis: authentisch, viel geteilt, und die Bewerbungen für Ausbildungsplätze im Haus sind gestiegen.',
	'Feste Sendezeiten (Dienstag und Donnerstag) und ein Redaktionsplan für sechs Wochen im Voraus.',
	'Antworten am selben Tag: Seitdem kommen deutlich weniger Beschwerden über die Hotline.',
	'Kurze Erklärvideos zum Weiterbewilligungsantrag; sie werden auch in der Eingangszone gezeigt.',
	'Stellen aus dem Arbeitgeberservice als Karussell-Beitrag, mit direktem Link zur Jobbörse.',
	'Live-Fragestunde vor dem Start des Ausbildungsjahres mit der Berufsberatung.'
];

const NOT_WORKED = [
	'Lange Texte zu Rechtsänderungen: kaum Reichweite, viele Nachfragen. Besser kurz und mit Link.',
	'Beiträge ohne Bild oder Gesicht gehen unter.',
	'X haben wir kaum noch bespielt; der Aufwand stand in keinem Verhältnis zur Resonanz.',
	'Antworten am Wochenende ließen sich mit dem kleinen Team nicht durchhalten.',
	'Gekaufte Stockfotos wirkten unpersönlich; Fotos aus dem eigenen Haus kommen besser an.',
	'Die Freigabe über drei Ebenen hat aktuelle Beiträge oft um Tage verzögert.'
];

function some<T>(random: Random, items: readonly T[], min: number, max: number): T[] {
	return random.shuffle(items).slice(0, min + Math.floor(random.next() * (max - min + 1)));
}

/** One invented profile; channels are those the jobcenter could plausibly use. */
export function demoProfile(random: Random): ProfileInput {
	const channels = some(
		random,
		CHANNEL_IDS.filter((id) => PURPOSES[id]),
		2,
		5
	);
	const input: Record<string, unknown> = {
		goals: some(random, GOALS, 1, 4),
		goals_other: random.chance(0.2) ? 'Fachkräfte für die eigene Verwaltung gewinnen' : '',
		target_groups: some(random, TARGET_GROUPS, 2, 3).join('\n'),
		team_people: 1 + Math.floor(random.next() * 5),
		team_hours: 4 + Math.floor(random.next() * 12) * 3,
		team_roles: random.pick(ROLES),
		reply_by: random.pick(REPLY_BY),
		reply_hours: random.pick([4, 8, 24, 24, 48, 72]),
		reply_weekends: random.chance(0.25) ? 'ja' : 'nein',
		moderation: random.pick(MODERATION),
		tools: some(random, TOOLS, 2, 4).join(', '),
		worked: some(random, WORKED, 1, 2).join('\n'),
		not_worked: random.chance(0.85) ? random.pick(NOT_WORKED) : ''
	};
	for (const id of CHANNEL_IDS) {
		input[channelField(id)] = channels.includes(id) ? random.pick(PURPOSES[id]!) : '';
	}
	return input as ProfileInput;
}

/**
 * Fills profiles for about four in five participants of the round (always the demo account's
 * jobcenter, so that its "gleiche Ziele" group exists); existing profiles are left alone.
 */
export async function seedDemoProfiles(db: DB, roundId: number): Promise<number> {
	const random = createRandom(1600 + roundId);
	const participants = await db
		.selectFrom('round_member')
		.innerJoin('jobcenter', 'jobcenter.id', 'round_member.jobcenter_id')
		.leftJoin('practice_profile', (join) =>
			join
				.onRef('practice_profile.round_id', '=', 'round_member.round_id')
				.onRef('practice_profile.jobcenter_id', '=', 'round_member.jobcenter_id')
		)
		.select(['jobcenter.id', 'jobcenter.code', 'practice_profile.updated_at'])
		.where('round_member.round_id', '=', roundId)
		.orderBy('jobcenter.code')
		.execute();
	let written = 0;
	for (const p of participants) {
		// Drawn for every participant, so that one profile's presence does not shift the others.
		const profile = demoProfile(random);
		const lucky = random.chance(0.8);
		const fill = p.code === DEMO_JOBCENTER_CODE || lucky;
		if (!fill || p.updated_at !== null) continue;
		await writeProfile(db, roundId, p.id, profile, 'demo');
		written++;
	}
	return written;
}
