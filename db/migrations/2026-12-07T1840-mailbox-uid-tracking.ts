/**
 * A mailbox remembers what it has taken, by UID, instead of relying on the \Seen flag: a message
 * someone read in webmail or Foxmail before the poll was never taken and the customer's request
 * was lost. Per mailbox: the server account and folder the UIDs belong to, that folder's
 * UIDVALIDITY, and the highest UID whose ingest committed; a poll takes every message above it,
 * seen or not. Null until the first poll (which takes only unseen mail, never the mailbox's
 * history); a changed folder, server or UIDVALIDITY falls back to unseen mail once and re-bases.
 * UIDs and UIDVALIDITY are unsigned 32-bit numbers, hence bigint. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table mailbox
      add column uid_folder text,
      add column uid_validity bigint,
      add column last_uid bigint,
      add constraint mailbox_uid_position_check check (
        (uid_folder is null) = (last_uid is null) and (uid_validity is null) = (last_uid is null)
      )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mailbox drop column uid_folder, drop column uid_validity, drop column last_uid`.execute(
    db,
  );
}
