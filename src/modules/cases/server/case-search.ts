/** Keeps a case's search vectors current: public text for everyone in scope, internal for staff. */
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { searchDocument } from '../case-search-text.ts';

/** `to_tsvector('simple', …)` of the tokens of `parts`. */
export const searchVector = (...parts: Array<string | null | undefined>) =>
  sql<string>`to_tsvector('simple', ${searchDocument(...parts)})`;

/** Adds text to the case's public or internal search vector. */
export async function appendSearchText(
  trx: Transaction<Database>,
  caseId: number,
  visibility: 'public' | 'internal',
  ...parts: Array<string | null | undefined>
): Promise<void> {
  const set = appendedSearchText(visibility, ...parts);
  if (Object.keys(set).length === 0) return;
  await trx.updateTable('support_case').set(set).where('id', '=', caseId).execute();
}

/** The `set` of an update that appends text to a search vector; empty when there is no text. */
export function appendedSearchText(
  visibility: 'public' | 'internal',
  ...parts: Array<string | null | undefined>
): { search_public?: RawBuilder<string>; search_internal?: RawBuilder<string> } {
  const doc = searchDocument(...parts);
  if (!doc) return {};
  const vector = sql<string>`to_tsvector('simple', ${doc})`;
  return visibility === 'public'
    ? { search_public: sql<string>`search_public || ${vector}` }
    : { search_internal: sql<string>`search_internal || ${vector}` };
}

/** Recomputes both vectors from the case and its timeline (after an edit of its own text). */
export async function rebuildSearchText(trx: Transaction<Database>, caseId: number): Promise<void> {
  const c = await trx
    .selectFrom('support_case')
    .select(['number', 'title', 'description', 'asset_serial', 'category'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const entries = await trx
    .selectFrom('case_entry')
    .select(['visibility', 'body'])
    .where('case_id', '=', caseId)
    .where('body', 'is not', null)
    .orderBy('id')
    .execute();
  const vendors = await trx
    .selectFrom('vendor_case')
    .select(['vendor', 'vendor_case_number'])
    .where('case_id', '=', caseId)
    .execute();
  const publicText = entries.filter((e) => e.visibility === 'public').map((e) => e.body);
  const internalText = entries.filter((e) => e.visibility === 'internal').map((e) => e.body);
  await trx
    .updateTable('support_case')
    .set({
      search_public: searchVector(
        c.number,
        c.title,
        c.description,
        c.asset_serial,
        c.category,
        ...publicText,
        ...vendors.flatMap((v) => [v.vendor, v.vendor_case_number]),
      ),
      search_internal: searchVector(...internalText),
    })
    .where('id', '=', caseId)
    .execute();
}
