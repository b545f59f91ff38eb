/**
 * Which messages a person may switch off, derived from the mail templates that exist: the event
 * groups a staff member or a customer contact receives, the channels each group goes by, and the
 * messages that are mandatory — an escalation step naming you (e-mail and SMS), and the SMS of a
 * P1 case to a duty engineer. Pure: the same rules answer the preferences API and filter the
 * outbox, so what the screen shows locked is what the server enforces.
 */
import { SMS_TEMPLATES } from './channels.api.ts';
import { MAIL_TEMPLATES } from './mail-templates.ts';
import { EVENT_GROUPS, type EventGroup, type PersonalChannel } from './notification-preferences.api.ts';

export type PersonKind = 'staff' | 'contact';

export const groupOfTemplate = (template: string): EventGroup | null =>
  MAIL_TEMPLATES[template]?.group ?? null;

/** The mail templates of a group that reach this kind of person. */
export function templatesFor(kind: PersonKind, group: EventGroup): string[] {
  return Object.entries(MAIL_TEMPLATES)
    .filter(([, d]) => d.group === group && (d.audience === 'both' || d.audience === kind))
    .map(([name]) => name);
}

/** The groups this kind of person ever receives, in the usual order. */
export const groupsFor = (kind: PersonKind) => EVENT_GROUPS.filter((g) => templatesFor(kind, g).length > 0);

/** Contacts have no SMS: the providers' templates and the mobiles on record are staff's. */
export const channelsFor = (kind: PersonKind): PersonalChannel[] =>
  kind === 'staff' ? ['email', 'sms'] : ['email'];

/** Whether a group's messages go to this kind of person by this channel at all. */
export function isAvailable(kind: PersonKind, group: EventGroup, channel: PersonalChannel): boolean {
  if (!channelsFor(kind).includes(channel)) return false;
  const templates = templatesFor(kind, group);
  return channel === 'email'
    ? templates.length > 0
    : templates.some((t) => (SMS_TEMPLATES as readonly string[]).includes(t));
}

/** Escalation steps are the service centre's safety net: never switched off, on any channel. */
export const isLocked = (group: EventGroup, _channel: PersonalChannel) => group === 'escalation';

/** A duty engineer's SMS about a P1 case goes whatever they chose (P1/P2 must reach someone at night). */
export const alwaysForP1 = (roles: readonly string[], channel: PersonalChannel) =>
  channel === 'sms' && roles.includes('duty_engineer');

export const optOutKey = (group: EventGroup, channel: PersonalChannel) => `${group}:${channel}`;

/** Whether one message goes to a person, given what they switched off. */
export function wantsMessage(o: {
  optOuts: readonly string[];
  template: string;
  channel: PersonalChannel;
  /** The case's priority; null for a record (contract, purchase order). */
  priority: number | null;
  roles: readonly string[];
}): boolean {
  const group = groupOfTemplate(o.template);
  if (!group || isLocked(group, o.channel)) return true;
  if (o.priority === 1 && alwaysForP1(o.roles, o.channel)) return true;
  return !o.optOuts.includes(optOutKey(group, o.channel));
}
