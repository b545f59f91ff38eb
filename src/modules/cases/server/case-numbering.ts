/**
 * Case numbers `TAC-2026-000123`: one counter row per year, incremented inside the
 * transaction that opens the case, so a rolled-back intake leaves no gap and concurrent
 * intakes queue on the row lock.
 */
import { sql, type Transaction } from 'kysely';
import { searchDocument } from '../case-search-text.ts';
import type { Database } from '../../../app/database-schema.ts';
import { dateTimeFormat } from '../../../platform/time/date-format.ts';

/** The year a case opened in, in the service centre's time zone. */
export function caseYear(at: Date, timeZone = 'Asia/Shanghai'): number {
  return Number(dateTimeFormat('en', { timeZone, year: 'numeric' }).format(at));
}

export function formatCaseNumber(year: number, n: number): string {
  return `TAC-${year}-${String(n).padStart(6, '0')}`;
}

/**
 * Gives case `caseId` the year's next number and adds the number's words to its public search
 * text, in one statement (the counter row is then locked until the commit). The number is
 * formatted in SQL as `formatCaseNumber` does: `TAC-<year>-` and at least six digits.
 */
export async function numberCase(trx: Transaction<Database>, caseId: number, at: Date): Promise<string> {
  const year = caseYear(at);
  const prefix = formatCaseNumber(year, 0).replace(/\d+$/, '');
  const { rows } = await sql<{ number: string }>`
    with n as (
      insert into case_counter (year, last_number) values (${year}, 1)
      on conflict (year) do update set last_number = case_counter.last_number + 1
      returning lpad(last_number::text, greatest(6, length(last_number::text)), '0') as digits
    )
    update support_case
    set number = ${prefix} || n.digits,
      search_public = search_public || to_tsvector('simple', ${searchDocument(prefix)} || ' ' || n.digits)
    from n where support_case.id = ${caseId}
    returning support_case.number
  `.execute(trx);
  return rows[0]!.number;
}
