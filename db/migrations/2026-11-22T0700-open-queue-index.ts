/**
 * The open-case queue sorted by SLA urgency must include paused cases (no due time), so the
 * partial index on non-null due times cannot serve it; this one covers exactly the open cases.
 * Measured by bench/ at 100 000 cases on PostgreSQL: 87 ms → 0.46 ms. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index support_case_open_sla_idx on support_case (sla_next_due_at, id)
      where state not in ('resolved', 'closed', 'cancelled')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index support_case_open_sla_idx`.execute(db);
}
