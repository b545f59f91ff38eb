/**
 * The alert queue is worked by intake staff, not only administrators (issue 5 §6): an unmatched
 * alert is dismissed with the reason it needs no case (a test alert, a false alarm, handled on
 * another case), and the alert keeps who assigned or dismissed it and when, so the queue shows
 * who decided. Earlier dismissals have no reason, hence the column stays nullable. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table alert
      add column dismiss_reason text check (length(dismiss_reason) between 1 and 500),
      add column handled_by bigint references app_user(id),
      add column handled_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table alert drop column dismiss_reason, drop column handled_by, drop column handled_at`.execute(
    db,
  );
}
