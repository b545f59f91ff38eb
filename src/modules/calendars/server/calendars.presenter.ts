/** Shapes calendar and calendar-day rows for the HTTP contracts. */
import type { Actor } from '../../../platform/authz/actor.ts';
import type { CalendarCoverage } from '../calendar-coverage.ts';
import { calendarAbilities } from './calendars.policy.ts';
import { weeklyHoursOf, type CalendarDayRow, type CalendarRow } from './calendars.repository.ts';

export function presentCalendar(row: CalendarRow, coverage: CalendarCoverage, actor: Actor) {
  const weekly = weeklyHoursOf(row);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    timeZone: row.time_zone,
    alwaysOpen: row.always_open,
    weeklyHours: Object.fromEntries(
      Object.entries(weekly).map(([d, intervals]) => [
        d,
        intervals.map(([s, e]) => [s, e] as [string, string]),
      ]),
    ) as Record<keyof typeof weekly, [string, string][]>,
    workdayHours: row.workday_hours.map(([s, e]) => [s, e] as [string, string]),
    active: row.active,
    revision: row.revision,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    coverage,
    abilities: calendarAbilities(actor),
  };
}

export function presentCalendarDay(row: CalendarDayRow) {
  return { date: row.date, kind: row.kind, name: row.name, nameEn: row.name_en };
}
