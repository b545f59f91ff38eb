/**
 * Case search and SLA queues: token vectors (CJK bigrams and words, see case-search-text.ts)
 * kept apart for public and internal text so a customer's search never matches internal notes,
 * and the earliest unmet SLA due time for "breaching within N minutes" and sorting by urgency.
 * Frozen: later changes go into new migrations.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`
    alter table support_case
      add column search_public tsvector not null default ''::tsvector,
      add column search_internal tsvector not null default ''::tsvector,
      add column sla_next_due_at timestamptz`,
    sql`
    -- Serve full-text search in the caller's scope (public text for customers, both for staff).
    create index support_case_search_public_idx on support_case using gin (search_public)`,
    sql`
    create index support_case_search_internal_idx on support_case using gin (search_internal)`,
    sql`
    -- Serves the queue sorted by SLA urgency and "breaching within N minutes", with keyset paging.
    create index support_case_sla_next_due_idx on support_case (sla_next_due_at, id)
      where sla_next_due_at is not null`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table support_case drop column search_public, drop column search_internal, drop column sla_next_due_at
  `.execute(db);
}
