/**
 * Every committed domain event is announced on the `tacdesk_events` channel (NOTIFY is
 * delivered at commit, never for a rolled-back change), so each app process can push live
 * updates for changes made by any process on the same PostgreSQL. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function domain_event_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('tacdesk_events', new.id::text);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger domain_event_notify after insert on domain_event
      for each row execute function domain_event_notify()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger domain_event_notify on domain_event`.execute(db);
  await sql`drop function domain_event_notify`.execute(db);
}
