/**
 * HTTP contract of the outbox as administrators read it: every message with its status, attempts
 * (of how many), next attempt, last error (a problem code and the raw words), the case it is about
 * (by number) and, for a robot's digest, what it carried. Newest first, in keyset pages (`before`
 * the last id of a page).
 */
import { z } from 'zod';
import { CHANNEL_PROBLEMS, problemParams } from './channel-problems.api.ts';
import { TARGET_CHANNELS } from './channels.api.ts';

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'held', 'dead', 'folded'] as const;
export const DELIVERY_CHANNELS = ['email', 'sms', ...TARGET_CHANNELS] as const;

export const deliverySchema = z.object({
  id: z.number(),
  caseId: z.number().nullable(),
  /** The case's number (TAC-2026-000123), for people to recognise it. */
  caseNumber: z.string().nullable(),
  channel: z.enum(DELIVERY_CHANNELS),
  recipient: z.string(),
  template: z.string(),
  locale: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number(),
  maxAttempts: z.number(),
  /** When a pending message is tried next (a held one: when it was put aside). */
  nextAttemptAt: z.string(),
  /** The last error in the server's or provider's own words (often English), for support. */
  lastError: z.string().nullable(),
  /**
   * What the last error stands for, for the screen to word (channel-problems.api.ts); null when
   * there is none, the error was not classified, or it was recorded before problems were (then
   * lastError alone tells it).
   */
  lastProblem: z.object({ problem: z.enum(CHANNEL_PROBLEMS), params: problemParams }).nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** Over a robot's rate limit: the digest message that carried this one. */
  foldedIntoId: z.number().nullable(),
  /** A digest's lines as the robot shows them, each with the message folded into it; else null. */
  digest: z.array(z.object({ deliveryId: z.number(), title: z.string() })).nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const deliveryListQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  channel: z.enum(DELIVERY_CHANNELS).optional(),
  caseId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Keyset paging: only messages with a smaller id (the last id of the previous page). */
  before: z.coerce.number().int().positive().optional(),
});
export type DeliveryListQuery = z.infer<typeof deliveryListQuery>;

export const deliveryListSchema = z.object({ items: z.array(deliverySchema) });
