/**
 * SMS and chat-robot channels of the outbox. Robots have rate limits (WeCom and DingTalk 20 a
 * minute, Feishu 100 a minute): messages over the limit are folded into one digest message,
 * never dropped, so a delivery can now be `folded` into a newer delivery (the digest). A digest
 * belongs to no single domain event, hence `event_id` may be null. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table delivery drop constraint delivery_status_check`.execute(db);
  await sql`
    alter table delivery add constraint delivery_status_check
      check (status in ('pending', 'sending', 'sent', 'held', 'dead', 'folded'))`.execute(db);
  // No foreign key on purpose: backup restores a self-reference in primary-key order, and a
  // digest is always newer than the messages it folds.
  await sql`alter table delivery add column folded_into_id bigint`.execute(db);
  await sql`
    alter table delivery add constraint delivery_folded_check
      check ((status = 'folded') = (folded_into_id is not null))`.execute(db);
  await sql`alter table delivery alter column event_id drop not null`.execute(db);
  await sql`
    -- The rate limiter: what went to one robot in the last minute.
    create index delivery_target_sent_idx on delivery (channel, recipient, sent_at) where status = 'sent'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index delivery_target_sent_idx`.execute(db);
  await sql`alter table delivery drop constraint delivery_folded_check`.execute(db);
  await sql`alter table delivery drop column folded_into_id`.execute(db);
  await sql`alter table delivery drop constraint delivery_status_check`.execute(db);
  await sql`
    alter table delivery add constraint delivery_status_check
      check (status in ('pending', 'sending', 'sent', 'held', 'dead'))`.execute(db);
}
