/**
 * HTTP contract of "send a test": one message now, outside the outbox, through e-mail (to an
 * address given, else the administrator's own; with the saved SMTP settings or ones being tried
 * before saving), the SMS provider (to a mobile given, else the administrator's own) or a
 * configured robot or webhook. The answer is 200 either way and names what failed (a problem code
 * with its values and the raw words), the way the mailbox connection test does.
 */
import { z } from 'zod';
import { codeField } from '../../platform/http/contract-fields.ts';
import { channelFailure } from './channel-problems.api.ts';
import { TARGET_CHANNELS } from './channels.api.ts';
import { smtpSettingsInput } from './smtp-settings.api.ts';

export const channelTestBody = z.discriminatedUnion('channel', [
  z.object({
    channel: z.literal('email'),
    to: z.email('an e-mail address').max(200).optional(),
    /** Settings to try before saving them; a password left out is the saved one. */
    smtp: smtpSettingsInput.optional(),
  }),
  z.object({ channel: z.literal('sms'), phone: z.string().trim().min(5).max(30).optional() }),
  z.object({ channel: z.enum(TARGET_CHANNELS), key: codeField }),
]);
export type ChannelTestInput = z.infer<typeof channelTestBody>;

export const channelTestResult = z.object({
  ok: z.boolean(),
  /** Where it went: the address, the mobile number or the robot's name. */
  to: z.string().nullable(),
  /** What failed (channel-problems.api.ts), worded by the screen; the raw words beside it. */
  error: channelFailure.nullable(),
});
export type ChannelTestResult = z.infer<typeof channelTestResult>;
