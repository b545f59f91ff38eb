/**
 * HTTP contract of a person's own notification preferences: per event group and personal channel
 * (e-mail, SMS) on or off, and quiet hours. Only ever the caller's own: there is no user id in it.
 * Group robots and webhooks speak to a team, not a person, so they are not here.
 */
import { z } from 'zod';
import { withZh } from '../../platform/http/schema-issue-zh.ts';

/** What a message is about, as people think of it; each mail template belongs to one (mail-templates.ts). */
export const EVENT_GROUPS = ['new_case', 'reply', 'escalation', 'resolved', 'rma', 'reminders'] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];

/** Channels that reach one person. Contacts get e-mail only (SMS goes to staff mobiles). */
export const PERSONAL_CHANNELS = ['email', 'sms'] as const;
export type PersonalChannel = (typeof PERSONAL_CHANNELS)[number];

const hhmm = z
  .string()
  .trim()
  .regex(
    /^([01]\d|2[0-3]):[0-5]\d$/,
    withZh('a time as HH:MM, 00:00 to 23:59', '时间应为 HH:MM，00:00 至 23:59'),
  );

export const quietHoursSchema = z
  .object({
    /** Local wall-clock time in the account's time zone; start after end is an overnight range. */
    start: hhmm,
    end: hhmm,
    /** Saturday and Sunday are quiet all day as well. */
    weekends: z.boolean().default(false),
  })
  .refine((q) => q.start !== q.end, {
    path: ['end'],
    message: withZh('the end must differ from the start', '结束时间不能与开始时间相同'),
  });
export type QuietHours = z.infer<typeof quietHoursSchema>;

const cellSchema = z.object({
  /** Whether this person is sent these messages on this channel at all. */
  available: z.boolean(),
  enabled: z.boolean(),
  /** Mandatory: always sent, whatever the preference (an escalation step naming you). */
  locked: z.boolean(),
  /** Sent for a P1 case even when switched off (the duty engineer's SMS). */
  alwaysForP1: z.boolean(),
});

export const notificationPreferencesSchema = z.object({
  /** The channels this person has: contacts e-mail only. */
  channels: z.array(z.enum(PERSONAL_CHANNELS)),
  groups: z.array(
    z.object({
      group: z.enum(EVENT_GROUPS),
      /** The mail templates of the group this person receives (`case.assigned` …). */
      templates: z.array(z.string()),
      channels: z.object({ email: cellSchema, sms: cellSchema }),
    }),
  ),
  quietHours: quietHoursSchema.nullable(),
  /** The zone quiet hours are read in: the account's own. */
  timeZone: z.string(),
  updatedAt: z.string().nullable(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** PUT body: the switches to change (left out: unchanged) and the quiet hours (null: none). */
export const notificationPreferencesInput = z.object({
  groups: z
    .partialRecord(z.enum(EVENT_GROUPS), z.partialRecord(z.enum(PERSONAL_CHANNELS), z.boolean()))
    .default({}),
  quietHours: quietHoursSchema.nullable().optional(),
});
export type NotificationPreferencesInput = z.input<typeof notificationPreferencesInput>;
