/**
 * Reads of calendars and their days, and the CalendarSpec the calculators run on. Specs are
 * cached per database handle and calendar, and trusted only while the calendar's revision is
 * unchanged: one primary-key read per use, correct however many processes write.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import { ISO_WEEKDAYS, type DayKind, type WeeklyHours } from '../calendar-hours.ts';
import type { CalendarSpec } from '../business-time.ts';
import { calendarCoverage, type CalendarCoverage } from '../calendar-coverage.ts';
import type { BusinessCalendarTable, CalendarDayTable } from './calendars.tables.ts';

export type CalendarRow = Selectable<BusinessCalendarTable>;
export type CalendarDayRow = Selectable<CalendarDayTable>;

/** The calendar row, or a 404. */
export async function findCalendar(db: Kysely<Database>, id: number): Promise<CalendarRow> {
  const row = await db.selectFrom('business_calendar').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('calendar');
  return row;
}

/** Days of a calendar dated in `year` (the primary key serves the range). */
export function daysOfYear(
  db: Kysely<Database>,
  calendarId: number,
  year: number,
): Promise<CalendarDayRow[]> {
  return db
    .selectFrom('calendar_day')
    .selectAll()
    .where('calendar_id', '=', calendarId)
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<', `${year + 1}-01-01`)
    .orderBy('date')
    .execute();
}

/** Years holding at least one holiday or make-up working day, per calendar. */
export async function yearsWithData(
  db: Kysely<Database>,
  calendarIds: number[],
): Promise<Map<number, number[]>> {
  const years = new Map<number, number[]>(calendarIds.map((id) => [id, []]));
  if (!calendarIds.length) return years;
  const rows = await db
    .selectFrom('calendar_day')
    .select(['calendar_id', sql<number>`extract(year from date)::int`.as('year')])
    .where('calendar_id', 'in', calendarIds)
    .groupBy(['calendar_id', sql`extract(year from date)::int`])
    .execute();
  for (const r of rows) years.get(r.calendar_id)?.push(Number(r.year));
  return years;
}

/** Coverage of each calendar at `now`, by calendar id. */
export async function coverageOf(
  db: Kysely<Database>,
  rows: CalendarRow[],
  now: Date,
): Promise<Map<number, CalendarCoverage>> {
  const years = await yearsWithData(
    db,
    rows.map((r) => r.id),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      calendarCoverage({
        alwaysOpen: r.always_open,
        timeZone: r.time_zone,
        yearsWithData: years.get(r.id) ?? [],
        now,
      }),
    ]),
  );
}

/** Stored hours with every weekday present (a missing one is closed). */
export function weeklyHoursOf(row: CalendarRow): WeeklyHours {
  return Object.fromEntries(ISO_WEEKDAYS.map((d) => [d, row.weekly_hours[d] ?? []])) as WeeklyHours;
}

/**
 * Compiled specs by calendar, valid while the calendar's revision and updated_at are unchanged.
 * Keyed globally rather than per Kysely handle, so a command inside a transaction (a new handle
 * each time) still hits it; updated_at (microseconds) tells apart two databases in one process.
 */
const specCache = new Map<number, { revision: number; stamp: string; spec: CalendarSpec }>();

/** Forgets this process's cached specs (tests; a write needs no call). */
export function clearCalendarSpecCache(_db?: Kysely<Database>): void {
  specCache.clear();
}

/** A calendar's revision and `updated_at::text`: what tells a cached spec is still current. */
export interface CalendarHead {
  revision: number;
  stamp: string;
}

/**
 * The calculators' view of calendar `calendarId` (404 when it does not exist). A caller that read
 * the calendar's head in its own statement passes it, saving the round trip that checks the cache.
 */
export async function loadCalendarSpec(
  db: Kysely<Database>,
  calendarId: number,
  knownHead?: CalendarHead,
): Promise<CalendarSpec> {
  const head =
    knownHead ??
    (await db
      .selectFrom('business_calendar')
      .select(['revision', sql<string>`updated_at::text`.as('stamp')])
      .where('id', '=', calendarId)
      .executeTakeFirst());
  if (!head) throw notFound('calendar');
  const cached = specCache.get(calendarId);
  if (cached && cached.revision === head.revision && cached.stamp === head.stamp) return cached.spec;

  // One statement, so the hours and the days come from the same snapshot.
  const row = await db
    .selectFrom('business_calendar')
    .selectAll()
    .select(
      sql<Array<[string, DayKind]>>`coalesce((
        select json_agg(json_build_array(d.date::text, d.kind))
        from calendar_day d where d.calendar_id = business_calendar.id), '[]'::json)`.as('days'),
    )
    .where('id', '=', calendarId)
    .executeTakeFirst();
  if (!row) throw notFound('calendar');
  const spec: CalendarSpec = {
    timeZone: row.time_zone,
    alwaysOpen: row.always_open,
    weeklyHours: weeklyHoursOf(row),
    workdayHours: row.workday_hours,
    days: new Map(row.days),
  };
  specCache.set(calendarId, { revision: row.revision, stamp: head.stamp, spec });
  return spec;
}
