/** A person's preferences as the API shows them: the matrix of their groups and channels, locks included. */
import type {
  EventGroup,
  NotificationPreferences,
  PersonalChannel,
} from '../../notification-preferences.api.ts';
import {
  alwaysForP1,
  channelsFor,
  groupsFor,
  isAvailable,
  isLocked,
  optOutKey,
  templatesFor,
} from '../../notification-preference-rules.ts';
import type { PreferenceProfile } from './preferences.repository.ts';

function cell(p: PreferenceProfile, group: EventGroup, channel: PersonalChannel) {
  const available = isAvailable(p.kind, group, channel);
  const locked = available && isLocked(group, channel);
  return {
    available,
    locked,
    enabled: available && (locked || !p.optOuts.includes(optOutKey(group, channel))),
    alwaysForP1: available && !locked && alwaysForP1(p.roles, channel),
  };
}

export function presentPreferences(p: PreferenceProfile): NotificationPreferences {
  return {
    channels: channelsFor(p.kind),
    groups: groupsFor(p.kind).map((group) => ({
      group,
      templates: templatesFor(p.kind, group),
      channels: { email: cell(p, group, 'email'), sms: cell(p, group, 'sms') },
    })),
    quietHours: p.quietHours,
    timeZone: p.timeZone,
    updatedAt: p.updatedAt?.toISOString() ?? null,
  };
}
