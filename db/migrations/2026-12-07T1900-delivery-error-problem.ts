/**
 * The outbox's last error gets a problem code (not_configured, dns, connect, tls, authentication,
 * rejected, provider_error …) and the values its wording names (the provider's errcode, the SMTP
 * reply code), so the outbox screen says it in the reader's language; last_error keeps the
 * server's or provider's own words for support. Rows failed before have no code and are shown by
 * their text, hence both columns stay nullable. Codes are not listed in a check: a later version
 * may add one without a migration. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table delivery
      add column last_error_problem text check (last_error_problem ~ '^[a-z_]{1,40}$'),
      add column last_error_params jsonb check (jsonb_typeof(last_error_params) = 'object'),
      add check (last_error_problem is null or last_error is not null)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table delivery drop column last_error_problem, drop column last_error_params`.execute(db);
}
