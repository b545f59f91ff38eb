/** Appends timeline entries; the author comes from the request context. */
import type { Database } from '../../../app/database-schema.ts';
import type { UnitOfWork } from '../../../platform/events/domain-events.ts';
import type { CaseEntryKind } from './cases.tables.ts';

export interface NewEntry {
  kind: CaseEntryKind;
  visibility: 'public' | 'internal';
  body?: string | null;
  data?: unknown;
}

export async function addTimelineEntry(uow: UnitOfWork<Database>, caseId: number, entry: NewEntry) {
  const a = uow.ctx.actor;
  const author =
    a.kind === 'system'
      ? { author_kind: 'system' as const, author_id: null, author_label: a.label }
      : { author_kind: a.kind, author_id: a.userId, author_label: a.label };
  return uow.trx
    .insertInto('case_entry')
    .values({
      case_id: caseId,
      kind: entry.kind,
      visibility: entry.visibility,
      ...author,
      body: entry.body ?? null,
      data: entry.data === undefined ? null : JSON.stringify(entry.data),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
