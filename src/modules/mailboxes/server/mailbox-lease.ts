/**
 * One poller per mailbox at a time, across every server process on one database: a poller
 * claims a mailbox by writing its lease (owner and expiry), choosing among due mailboxes with
 * SKIP LOCKED so two claims never wait on or take the same row. A process that dies mid-poll
 * keeps the mailbox only until the lease runs out; a live one renews it after every message,
 * recording in the same update the UID that message reached.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { MailboxProblem } from '../mailboxes.api.ts';
import type { MailboxRow } from './mailboxes.repository.ts';

export const LEASE_MS = 10 * 60_000;
/** The longest pause after failures in a row. */
const MAX_BACKOFF_MS = 60 * 60_000;

const leaseEnd = (now: Date) => new Date(now.getTime() + LEASE_MS);

/** Claims the active mailbox whose poll is the most overdue, or null when none is due. */
export async function claimDueMailbox(
  db: Kysely<Database>,
  owner: string,
  now: Date,
): Promise<MailboxRow | null> {
  const claimed = await sql<MailboxRow>`
    update mailbox set lease_owner = ${owner}, lease_until = ${leaseEnd(now)}::timestamptz
    where id = (
      select id from mailbox
      where active and next_poll_at <= ${now}::timestamptz
        and (lease_until is null or lease_until <= ${now}::timestamptz)
      order by next_poll_at, id
      limit 1
      for update skip locked
    )
    returning *`.execute(db);
  return claimed.rows[0] ?? null;
}

/** Claims one mailbox whether due or not ("poll now"); null while another poller holds it. */
export async function claimMailbox(
  db: Kysely<Database>,
  mailboxId: number,
  owner: string,
  now: Date,
): Promise<MailboxRow | null> {
  const row = await db
    .updateTable('mailbox')
    .set({ lease_owner: owner, lease_until: leaseEnd(now) })
    .where('id', '=', mailboxId)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** Where a mailbox's polling stands: the folder, its UIDVALIDITY and the highest UID taken. */
export interface UidPosition {
  /** The server account and folder the UIDs belong to (`uidFolderKey`). */
  folder: string;
  uidValidity: number;
  lastUid: number;
}

const positionColumns = (position: UidPosition) => ({
  uid_folder: position.folder,
  uid_validity: position.uidValidity,
  last_uid: position.lastUid,
});

/**
 * Extends the lease and, given one, records the position a committed message reached; false
 * when the lease was lost (the mailbox was deleted, or the lease ran out and was taken).
 */
export async function renewLease(
  db: Kysely<Database>,
  mailboxId: number,
  owner: string,
  now: Date,
  taken?: UidPosition,
) {
  const result = await db
    .updateTable('mailbox')
    .set({ lease_until: leaseEnd(now), ...(taken && positionColumns(taken)) })
    .where('id', '=', mailboxId)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface PollEnd {
  taken: number;
  /** Messages left for the next poll (beyond this poll's batch): it is due at once. */
  left: number;
  error: { problem: MailboxProblem; message: string } | null;
}

/**
 * Records a poll's outcome, schedules the next one and frees the mailbox; null if the lease was
 * lost. `rebase` is the position a poll of unseen mail leaves polling at (mailbox-poll.ts).
 */
export async function finishPoll(
  db: Kysely<Database>,
  mailbox: MailboxRow,
  owner: string,
  now: Date,
  end: PollEnd,
  rebase: UidPosition | null = null,
): Promise<MailboxRow | null> {
  const failures = end.error ? mailbox.failures + 1 : 0;
  const intervalMs = mailbox.poll_interval_seconds * 1000;
  const pauseMs = end.error ? backoffMs(intervalMs, failures) : end.left > 0 ? 0 : intervalMs;
  const row = await db
    .updateTable('mailbox')
    .set({
      last_polled_at: now,
      last_taken: end.taken,
      last_error_problem: end.error?.problem ?? null,
      last_error: end.error?.message ?? null,
      last_error_at: end.error ? now : null,
      failures,
      next_poll_at: new Date(now.getTime() + pauseMs),
      lease_owner: null,
      lease_until: null,
      ...(rebase && positionColumns(rebase)),
    })
    .where('id', '=', mailbox.id)
    .where('lease_owner', '=', owner)
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** After n failures in a row: the interval doubled n times (2, 4, 8 … × interval), at most an hour. */
export function backoffMs(intervalMs: number, failures: number): number {
  return Math.min(intervalMs * 2 ** Math.min(failures, 10), Math.max(MAX_BACKOFF_MS, intervalMs));
}
