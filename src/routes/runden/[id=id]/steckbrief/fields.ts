/** The form's field names as the user reads them, for messages that say which field is wrong. */
import { CHANNELS } from '$lib/channels';
import { m } from '$lib/paraglide/messages';
import { channelField, type ProfileInput } from '$lib/server/profiles/profiles';

const LABELS: Record<string, () => string> = {
	goals: m.profile_goals,
	goals_other: m.profile_goals_other,
	target_groups: m.profile_target_groups,
	team_people: m.profile_team_people,
	team_hours: m.profile_team_hours,
	team_roles: m.profile_team_roles,
	reply_by: m.profile_reply_by,
	reply_hours: m.profile_reply_hours,
	reply_weekends: m.profile_reply_weekends,
	moderation: m.profile_moderation,
	tools: m.profile_tools,
	worked: m.profile_worked,
	not_worked: m.profile_not_worked,
	...Object.fromEntries(
		CHANNELS.map((c) => [channelField(c.id), () => `${m.profile_channels()}: ${c.name}`])
	)
};

export function fieldLabel(name: string): string {
	return LABELS[name]?.() ?? name;
}

/** Nothing ticked, typed or chosen: such a profile is refused rather than stored. */
export function isEmpty(input: ProfileInput): boolean {
	return Object.values(input).every(
		(v) => v === null || v === '' || (Array.isArray(v) && !v.length)
	);
}
