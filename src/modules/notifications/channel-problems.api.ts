/**
 * Why a message did not go, as a code the screens word in the reader's language (the outbox's
 * last error, a "send a test" answer), with the values the wording names and the server's or
 * provider's own words kept beside it for support.
 */
import { z } from 'zod';

/**
 * not_configured (nothing to send through: no SMTP server, no SMS provider), template_unmapped
 * (no SMS template mapped for the message), target_missing (the robot or webhook is no longer
 * configured), refused (the SSRF guard: a private address not allow-listed), dns, connect,
 * timeout, tls, authentication (user name, password or authorisation code), rejected (the SMTP
 * server refused the message: its reply code), provider_error (an SMS provider or robot refused
 * it: its errcode), http (an HTTP error status), protocol (an answer TACdesk does not understand),
 * secret (a stored secret cannot be opened with this installation's key).
 */
export const CHANNEL_PROBLEMS = [
  'not_configured',
  'template_unmapped',
  'target_missing',
  'refused',
  'dns',
  'connect',
  'timeout',
  'tls',
  'authentication',
  'rejected',
  'provider_error',
  'http',
  'protocol',
  'secret',
] as const;
export type ChannelProblem = (typeof CHANNEL_PROBLEMS)[number];

/** The values a problem's wording names; each problem carries at most the one listed for it. */
export const problemParams = z.object({
  /** provider_error: the provider's own code (DingTalk 310000, Aliyun isv.BUSINESS_LIMIT_CONTROL). */
  errcode: z.string().optional(),
  /** rejected: the SMTP server's reply code (550). */
  reply: z.string().optional(),
  /** http: the HTTP status the provider answered. */
  status: z.string().optional(),
  /** template_unmapped: the message template no SMS template is mapped for. */
  template: z.string().optional(),
  /** target_missing: the key of the robot or webhook that is no longer configured. */
  target: z.string().optional(),
});
export type ProblemParams = z.infer<typeof problemParams>;

/** A failed send: the problem and its values, and the server's or provider's own words. */
export const channelFailure = z.object({
  problem: z.enum(CHANNEL_PROBLEMS),
  params: problemParams,
  /** Raw, in the server's language (often English): shown secondary, for support. */
  message: z.string(),
});
export type ChannelFailure = z.infer<typeof channelFailure>;

export const isChannelProblem = (value: unknown): value is ChannelProblem =>
  (CHANNEL_PROBLEMS as readonly unknown[]).includes(value);
