/** Practice profiles (Steckbriefe): the form's schema, and reading and saving one jobcenter's profile in a round. */
import { CHANNEL_IDS, type ChannelId } from '$lib/channels';
import type { DB } from '$lib/server/db';
import type { PracticeProfileTable } from '$lib/server/db/schema';
import { audit, type Actor } from '$lib/server/auth/audit';
import { memberLabel, type Member } from '$lib/server/kpi/present';
import { m } from '$lib/paraglide/messages';
import { choice, integer, list, multiline, shown, text, type Values } from '$lib/server/params';
import { GOALS, type Goal } from './goals';

export { GOALS, type Goal };

/** One line: a name, a list of roles, what a channel is for. */
export const SHORT_MAX = 300;
/** A paragraph or two: rules, lessons. */
export const LONG_MAX = 2000;

/** The form field of a channel's purpose. */
export const channelField = (id: ChannelId) => `channel_${id}`;

/** Every field of the form, bounded; the order is the form's. */
export const PROFILE_FORM = {
	goals: list(
		choice(GOALS, (value) => m.profile_bad_goal({ value: shown(value) })),
		GOALS.length
	),
	goals_other: text(SHORT_MAX),
	target_groups: multiline(LONG_MAX),
	...(Object.fromEntries(CHANNEL_IDS.map((id) => [channelField(id), text(SHORT_MAX)])) as Record<
		`channel_${ChannelId}`,
		ReturnType<typeof text>
	>),
	team_people: integer(0, 999),
	team_hours: integer(0, 2000),
	team_roles: multiline(SHORT_MAX * 2),
	reply_by: text(SHORT_MAX),
	reply_hours: integer(0, 720),
	reply_weekends: choice(['ja', 'nein'] as const),
	moderation: multiline(LONG_MAX),
	tools: multiline(SHORT_MAX * 2),
	worked: multiline(LONG_MAX),
	not_worked: multiline(LONG_MAX)
};

export type ProfileInput = Values<typeof PROFILE_FORM>;

/** A profile as the pages show it; every text is '' where not filled in. */
export interface Profile {
	goals: Goal[];
	goalsOther: string;
	targetGroups: string;
	/** Only the channels with a purpose, in the order of the channel list. */
	channels: { id: ChannelId; purpose: string }[];
	teamPeople: number | null;
	teamHours: number | null;
	teamRoles: string;
	replyBy: string;
	replyHours: number | null;
	replyWeekends: boolean | null;
	moderation: string;
	tools: string;
	worked: string;
	notWorked: string;
	updatedAt: string;
}

type Row = Omit<PracticeProfileTable, 'updated_at'> & { updated_at: string };

function rowToProfile(row: Row): Profile {
	const goals = JSON.parse(row.goals) as string[];
	const channels = JSON.parse(row.channels) as Record<string, string>;
	return {
		goals: GOALS.filter((g) => goals.includes(g)),
		goalsOther: row.goals_other,
		targetGroups: row.target_groups,
		channels: CHANNEL_IDS.filter((id) => channels[id]).map((id) => ({ id, purpose: channels[id] })),
		teamPeople: row.team_people,
		teamHours: row.team_hours,
		teamRoles: row.team_roles,
		replyBy: row.reply_by,
		replyHours: row.reply_hours,
		replyWeekends: row.reply_weekends === null ? null : row.reply_weekends === 1,
		moderation: row.moderation,
		tools: row.tools,
		worked: row.worked,
		notWorked: row.not_worked,
		updatedAt: row.updated_at
	};
}

function inputToRow(input: ProfileInput) {
	const channels = Object.fromEntries(
		CHANNEL_IDS.flatMap((id) => {
			const purpose = input[channelField(id) as `channel_${ChannelId}`];
			return purpose ? [[id, purpose]] : [];
		})
	);
	return {
		goals: JSON.stringify(input.goals),
		goals_other: input.goals_other,
		target_groups: input.target_groups,
		channels: JSON.stringify(channels),
		team_people: input.team_people,
		team_hours: input.team_hours,
		team_roles: input.team_roles,
		reply_by: input.reply_by,
		reply_hours: input.reply_hours,
		reply_weekends: input.reply_weekends === null ? null : input.reply_weekends === 'ja' ? 1 : 0,
		moderation: input.moderation,
		tools: input.tools,
		worked: input.worked,
		not_worked: input.not_worked
	};
}

/** The profile as form values again, to fill the form. */
export function profileToInput(profile: Profile | null): Record<string, string | string[]> {
	if (!profile) return {};
	const values: Record<string, string | string[]> = {
		goals: profile.goals,
		goals_other: profile.goalsOther,
		target_groups: profile.targetGroups,
		team_people: profile.teamPeople?.toString() ?? '',
		team_hours: profile.teamHours?.toString() ?? '',
		team_roles: profile.teamRoles,
		reply_by: profile.replyBy,
		reply_hours: profile.replyHours?.toString() ?? '',
		reply_weekends: profile.replyWeekends === null ? '' : profile.replyWeekends ? 'ja' : 'nein',
		moderation: profile.moderation,
		tools: profile.tools,
		worked: profile.worked,
		not_worked: profile.notWorked
	};
	for (const c of profile.channels) values[channelField(c.id)] = c.purpose;
	return values;
}

export async function getProfile(
	db: DB,
	roundId: number,
	jobcenterId: number
): Promise<Profile | null> {
	const row = await db
		.selectFrom('practice_profile')
		.selectAll()
		.where('round_id', '=', roundId)
		.where('jobcenter_id', '=', jobcenterId)
		.executeTakeFirst();
	return row ? rowToProfile(row) : null;
}

/** Every profile of the round, by jobcenter id. */
export async function roundProfiles(db: DB, roundId: number): Promise<Map<number, Profile>> {
	const rows = await db
		.selectFrom('practice_profile')
		.selectAll()
		.where('round_id', '=', roundId)
		.execute();
	return new Map(rows.map((r) => [r.jobcenter_id, rowToProfile(r)]));
}

/** Saves (or replaces) the profile and logs who did it. */
export async function saveProfile(
	db: DB,
	actor: Actor,
	roundId: number,
	jobcenterId: number,
	input: ProfileInput
): Promise<void> {
	await writeProfile(db, roundId, jobcenterId, input, actor.email ?? 'system');
	await audit(db, actor, 'profile_saved', `round ${roundId} jobcenter ${jobcenterId}`);
}

/** Stores the profile, replacing an earlier one of the same jobcenter and round (no log: the demo uses it). */
export async function writeProfile(
	db: DB,
	roundId: number,
	jobcenterId: number,
	input: ProfileInput,
	by: string
): Promise<void> {
	const row = { ...inputToRow(input), updated_by: by, updated_at: new Date().toISOString() };
	await db
		.insertInto('practice_profile')
		.values({ round_id: roundId, jobcenter_id: jobcenterId, ...row })
		.onConflict((oc) => oc.columns(['round_id', 'jobcenter_id']).doUpdateSet(row))
		.execute();
}

/** A profile with the name the viewer may see; `own` marks the viewer's own jobcenter. */
export interface ShownProfile {
	label: string;
	named: boolean;
	own: boolean;
	profile: Profile;
}

/**
 * The round's profiles as this viewer may see them: analysts all by name; a participating
 * jobcenter its own by name and the others' under pseudonyms, or by name where they agreed to be
 * named to its ring; anyone else nothing. Own first, then by label.
 */
export function visibleProfiles(
	participants: readonly (Member & { id: number })[],
	profiles: ReadonlyMap<number, Profile>,
	viewer: { all: boolean; jobcenterId: number | null }
): ShownProfile[] {
	const self = participants.find((p) => p.id === viewer.jobcenterId);
	if (!viewer.all && !self) return [];
	const seenBy = { all: viewer.all, ring: self?.ring ?? null };
	return participants
		.flatMap((p) => {
			const profile = profiles.get(p.id);
			if (!profile) return [];
			const own = p.id === self?.id;
			const shown = own ? { label: p.name, named: true } : memberLabel(p, seenBy);
			return [{ ...shown, own, profile }];
		})
		.sort((a, b) => Number(b.own) - Number(a.own) || a.label.localeCompare(b.label, 'de'));
}
