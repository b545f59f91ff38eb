/**
 * Preferences applied to the outbox: at write time, in the event's transaction, the rows a person
 * switched off are not written (mandatory ones always are); at send time, a message that falls
 * inside its recipient's quiet hours waits until they end — unless it is about a P1 case.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import { wantsMessage } from '../../notification-preference-rules.ts';
import { quietUntil } from '../../quiet-hours.ts';
import { deferUntil, type DeliveryRow } from '../channels/delivery-outcome.ts';
import type { Trx } from '../recipients.ts';
import { preferenceProfiles } from './preferences.repository.ts';

const isPersonal = (channel: string): channel is 'email' | 'sms' => channel === 'email' || channel === 'sms';

/** The outbox rows their recipients want; `priority`: the case's, null for a record. */
export async function keepWanted<
  R extends { recipient_user_id: number | null; channel: string; template: string },
>(trx: Trx, rows: R[], priority: number | null): Promise<R[]> {
  const ids = rows.flatMap((r) =>
    r.recipient_user_id !== null && isPersonal(r.channel) ? [r.recipient_user_id] : [],
  );
  if (ids.length === 0) return rows;
  const profiles = await preferenceProfiles(trx, ids);
  return rows.filter((r) => {
    const profile = r.recipient_user_id !== null ? profiles.get(r.recipient_user_id) : undefined;
    if (!profile || !isPersonal(r.channel)) return true;
    return wantsMessage({ ...profile, template: r.template, channel: r.channel, priority });
  });
}

/**
 * Claimed rows that may go now; the others are put back, untried, until their recipient's quiet
 * hours end. "About a P1 case" is the case's priority now, not when the row was written.
 */
export async function holdForQuietHours(
  db: Kysely<Database>,
  rows: readonly DeliveryRow[],
  now: Date,
): Promise<DeliveryRow[]> {
  const personal = rows.filter((r) => r.recipient_user_id !== null && isPersonal(r.channel));
  if (personal.length === 0) return [...rows];
  const profiles = await preferenceProfiles(
    db,
    personal.map((r) => r.recipient_user_id!),
  );
  if (![...profiles.values()].some((p) => p.quietHours)) return [...rows];
  const caseIds = [...new Set(personal.flatMap((r) => (r.case_id !== null ? [r.case_id] : [])))];
  const p1 = new Set(
    caseIds.length
      ? (
          await db
            .selectFrom('support_case')
            .select('id')
            .where('id', 'in', caseIds)
            .where('priority', '=', 1)
            .execute()
        ).map((c) => c.id)
      : [],
  );
  const due: DeliveryRow[] = [];
  for (const row of rows) {
    const quiet = row.recipient_user_id !== null ? profiles.get(row.recipient_user_id)?.quietHours : null;
    const until =
      quiet && isPersonal(row.channel) && !(row.case_id !== null && p1.has(row.case_id))
        ? quietUntil(quiet, profiles.get(row.recipient_user_id!)!.timeZone, now)
        : null;
    if (until) await deferUntil(db, row, until);
    else due.push(row);
  }
  return due;
}
