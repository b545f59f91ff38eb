/**
 * HTTP contract of "send a test": one message now, outside the outbox, through e-mail (to an
 * address given, else the administrator's own; with the saved SMTP settings or ones being tried
 * before saving), the SMS provider (to a mobile given, else the administrator's own) or a
 * configured robot or webhook. The answer is 200 either way and names what failed, the way the
 * mailbox connection test does.
 */
import { z } from 'zod';
import { codeField } from '../../platform/http/contract-fields.ts';
import { TARGET_CHANNELS } from './channels.api.ts';
import { smtpSettingsInput } from './smtp-settings.api.ts';

/**
 * Why a test failed, for the UI to say in the reader's language: not_configured (nothing to
 * send through), refused (the SSRF guard: a private address not allow-listed), dns, connect,
 * timeout, tls, authentication (user name, password or authorisation code), rejected (the
 * server or provider refused the message: SMTP reply, provider errcode), http (an HTTP error
 * status), protocol (an answer TACdesk does not understand), secret (a stored secret cannot be
 * opened with this installation's key).
 */
export const CHANNEL_PROBLEMS = [
  'not_configured',
  'refused',
  'dns',
  'connect',
  'timeout',
  'tls',
  'authentication',
  'rejected',
  'http',
  'protocol',
  'secret',
] as const;
export type ChannelProblem = (typeof CHANNEL_PROBLEMS)[number];

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
  error: z
    .object({
      problem: z.enum(CHANNEL_PROBLEMS),
      /** The server's or provider's own words (with its errcode), for support. */
      message: z.string(),
    })
    .nullable(),
});
export type ChannelTestResult = z.infer<typeof channelTestResult>;
