/**
 * People's notification preferences and administrators' message templates (issue 5 §2).
 * - notification_preference: per person (staff, or a contact with a portal login) the event
 *   group × channel pairs switched off and the quiet hours; no row means today's behaviour
 *   (everything on, no quiet hours), so existing installations change nothing.
 * - message_template: an override of a built-in mail or robot template per language; the
 *   defaults stay in code and "reset to default" deletes the row.
 * Frozen: later changes go into new migrations.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`
    create table notification_preference (
      user_id bigint primary key references app_user(id) on delete cascade,
      -- 'group:channel' pairs switched off, e.g. ["reply:email", "new_case:sms"].
      opt_outs jsonb not null default '[]' check (jsonb_typeof(opt_outs) = 'array'),
      quiet_start text check (quiet_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      quiet_end text check (quiet_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      quiet_weekends boolean not null default false,
      updated_at timestamptz not null default now(),
      check ((quiet_start is null) = (quiet_end is null)),
      check (quiet_start <> quiet_end)
    )`,
    sql`
    create table message_template (
      kind text not null check (kind in ('email', 'chat')),
      template text not null,
      locale text not null check (locale in ('zh-CN', 'en')),
      subject text not null check (length(subject) between 1 and 300),
      body text not null check (length(body) between 1 and 10000),
      updated_by bigint references app_user(id),
      updated_at timestamptz not null default now(),
      -- The sender reads every override once per batch; the key also serves save and reset.
      primary key (kind, template, locale)
    )`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table message_template`.execute(db);
  await sql`drop table notification_preference`.execute(db);
}
