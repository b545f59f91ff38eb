/**
 * "Within 10 working days" is counted on the service centre's working-day calendar: the one
 * with code `5x8` (Chinese public holidays and make-up working days), else the first office-hours
 * calendar; on a 7×24 calendar every day counts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { workingDaysAfter } from '../../calendars/business-time.ts';
import { loadCalendarSpec } from '../../calendars/server/index.ts';

async function workingDayCalendarId(db: Kysely<Database>): Promise<number | undefined> {
  const row = await db
    .selectFrom('business_calendar')
    .select('id')
    .orderBy((eb) => eb.case().when('code', '=', '5x8').then(0).else(1).end())
    .orderBy('always_open')
    .orderBy('id')
    .executeTakeFirst();
  return row?.id;
}

/** The close of business on the `days`-th working day after `from`. */
export async function returnDueAfter(db: Kysely<Database>, from: Date, days: number): Promise<Date> {
  const id = await workingDayCalendarId(db);
  if (id === undefined) return new Date(from.getTime() + days * 86_400_000);
  return workingDaysAfter(await loadCalendarSpec(db, id), from, days).endsAt;
}

/** The instant `days` working days before `due` (for the reminder), on the same calendar. */
export async function workingDaysBefore(db: Kysely<Database>, due: Date, days: number): Promise<Date> {
  const id = await workingDayCalendarId(db);
  if (id === undefined) return new Date(due.getTime() - days * 86_400_000);
  const spec = await loadCalendarSpec(db, id);
  // Step back day by day until `days` working days lie between that day's close and `due`.
  let probe = new Date(due.getTime() - 86_400_000);
  for (let i = 0; i < 400; i++) {
    if (workingDaysAfter(spec, probe, days).endsAt.getTime() <= due.getTime()) return probe;
    probe = new Date(probe.getTime() - 86_400_000);
  }
  return probe;
}
