/** How a send ends for an outbox row: sent, tried again later, dead, or held for an administrator. */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { DeliveryTable } from '../notifications.tables.ts';
import { ChannelError } from './channel-http.ts';

export type DeliveryRow = Selectable<DeliveryTable>;

/** Backoff before attempt n+1: 1, 2, 4 … minutes, at most 2 hours. */
export const backoffMinutes = (attempts: number) => Math.min(120, 2 ** Math.max(0, attempts - 1));

/** Records a successful send. */
export async function markSent(
  db: Kysely<Database>,
  row: DeliveryRow,
  now: Date,
  providerMessageId: string | null,
): Promise<void> {
  await db
    .updateTable('delivery')
    .set({
      status: 'sent',
      sent_at: now,
      provider_message_id: providerMessageId,
      last_error: null,
      last_error_problem: null,
      last_error_params: null,
    })
    .where('id', '=', row.id)
    .execute();
}

/**
 * Records a failure: held (configuration missing or refused; the attempt does not count),
 * dead (a final refusal, or the last attempt), or pending again after the backoff. The error's
 * words are kept as they are; a `ChannelError` adds its problem code and values for the screen.
 */
export async function markFailed(
  db: Kysely<Database>,
  row: DeliveryRow,
  now: Date,
  error: unknown,
): Promise<void> {
  const lastError = {
    last_error: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
    last_error_problem: error instanceof ChannelError ? error.problem : null,
    last_error_params: error instanceof ChannelError ? JSON.stringify(error.params) : null,
  };
  if (error instanceof ChannelError && error.held) {
    await db
      .updateTable('delivery')
      .set({ status: 'held', attempts: row.attempts - 1, ...lastError })
      .where('id', '=', row.id)
      .execute();
    return;
  }
  const final = error instanceof ChannelError && !error.retry;
  const dead = final || row.attempts >= row.max_attempts;
  await db
    .updateTable('delivery')
    .set({
      status: dead ? 'dead' : 'pending',
      ...lastError,
      next_attempt_at: new Date(now.getTime() + backoffMinutes(row.attempts) * 60_000),
    })
    .where('id', '=', row.id)
    .execute();
}

/** Puts a claimed row back, untried, until `at` (a robot's window is full). */
export async function deferUntil(db: Kysely<Database>, row: DeliveryRow, at: Date): Promise<void> {
  await db
    .updateTable('delivery')
    .set({ status: 'pending', attempts: row.attempts - 1, next_attempt_at: at })
    .where('id', '=', row.id)
    .execute();
}
