/** Keeps a case's search vectors current: public text for everyone in scope, internal for staff. */
import { sql, type Transaction } from 'kysely';
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
  const doc = searchDocument(...parts);
  if (!doc) return;
  const vector = sql<string>`to_tsvector('simple', ${doc})`;
  await trx
    .updateTable('support_case')
    .set(
      visibility === 'public'
        ? { search_public: sql`search_public || ${vector}` }
        : { search_internal: sql`search_internal || ${vector}` },
    )
    .where('id', '=', caseId)
    .execute();
}
