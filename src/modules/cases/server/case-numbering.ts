/**
 * Case numbers `TAC-2026-000123`: one counter row per year, incremented inside the
 * transaction that opens the case, so a rolled-back intake leaves no gap and concurrent
 * intakes queue on the row lock.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { dateTimeFormat } from '../../../platform/time/date-format.ts';

/** The year a case opened in, in the service centre's time zone. */
export function caseYear(at: Date, timeZone = 'Asia/Shanghai'): number {
  return Number(dateTimeFormat('en', { timeZone, year: 'numeric' }).format(at));
}

export function formatCaseNumber(year: number, n: number): string {
  return `TAC-${year}-${String(n).padStart(6, '0')}`;
}

export async function nextCaseNumber(trx: Transaction<Database>, at: Date): Promise<string> {
  const year = caseYear(at);
  const row = await trx
    .insertInto('case_counter')
    .values({ year, last_number: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet((eb) => ({ last_number: eb('case_counter.last_number', '+', 1) })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return formatCaseNumber(year, row.last_number);
}
